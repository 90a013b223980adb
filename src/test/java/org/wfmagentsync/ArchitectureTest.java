package org.wfmagentsync;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The connector's dependencies point one way (docs/architecture.md): no package cycle, the model at
 * the bottom depending on nothing, the stages (legacy feed, mapping, delta, push) knowing only what
 * lies below them and never each other, run reporting hearing from the stages through the model's
 * listener, and only the composition root (WfmAgentSync, SyncBeans) seeing everything. A change that
 * breaks one of these fails the build with the offending dependencies listed.
 */
class ArchitectureTest {

    /** The connector's own production classes, as the build compiled them (not the tests, not the sandbox). */
    private static final JavaClasses CONNECTOR = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching("org.wfmagentsync.(*)..").should().beFreeOfCycles().check(CONNECTOR);
    }

    @Test
    void the_model_depends_on_nothing_else_in_the_connector() {
        noClasses().that().resideInAPackage("org.wfmagentsync.model..")
                .should().dependOnClassesThat(resideInAPackage("org.wfmagentsync..")
                        .and(not(resideInAPackage("org.wfmagentsync.model.."))))
                .check(CONNECTOR);
    }

    @Test
    void each_layer_depends_only_on_the_layers_below_it() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy("org.wfmagentsync.model..")
                .layer("support").definedBy("org.wfmagentsync.support..")
                .layer("config").definedBy("org.wfmagentsync.config..")
                .layer("store").definedBy("org.wfmagentsync.store..")
                .layer("metrics").definedBy("org.wfmagentsync.metrics..")
                .layer("genesys").definedBy("org.wfmagentsync.genesys..")
                .layer("dead letters").definedBy("org.wfmagentsync.deadletter..")
                .layer("directory").definedBy("org.wfmagentsync.directory..")
                .layer("legacy feed").definedBy("org.wfmagentsync.legacy..")
                .layer("mapping").definedBy("org.wfmagentsync.mapping..")
                .layer("delta").definedBy("org.wfmagentsync.delta..")
                .layer("push").definedBy("org.wfmagentsync.push..")
                .layer("run reporting").definedBy("org.wfmagentsync.run..")
                .layer("api").definedBy("org.wfmagentsync.api..")
                .layer("cli").definedBy("org.wfmagentsync.cli..")
                .layer("target").definedBy("org.wfmagentsync.target..")
                .layer("composition root").definedBy("org.wfmagentsync")
                .whereLayer("model").mayNotAccessAnyLayer()
                .whereLayer("support").mayOnlyAccessLayers("model")
                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("store").mayOnlyAccessLayers("model", "support")
                .whereLayer("metrics").mayOnlyAccessLayers("model")
                .whereLayer("genesys").mayOnlyAccessLayers("model")
                .whereLayer("dead letters").mayOnlyAccessLayers("model", "support", "store", "metrics", "genesys")
                .whereLayer("legacy feed").mayOnlyAccessLayers("model", "support", "dead letters")
                .whereLayer("directory").mayOnlyAccessLayers("model", "support", "store", "genesys")
                .whereLayer("mapping").mayOnlyAccessLayers("model", "support", "dead letters", "directory")
                .whereLayer("delta").mayOnlyAccessLayers("model", "support", "store")
                .whereLayer("push").mayOnlyAccessLayers("model", "support", "store", "metrics", "genesys",
                        "dead letters")
                .whereLayer("run reporting").mayOnlyAccessLayers("model", "support", "store", "metrics")
                .whereLayer("api").mayOnlyAccessLayers("model", "support", "store", "dead letters")
                .whereLayer("cli").mayNotAccessAnyLayer()
                .whereLayer("target").mayOnlyAccessLayers("model", "support", "config", "genesys")
                .check(CONNECTOR);
    }
}
