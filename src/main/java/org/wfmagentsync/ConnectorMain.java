package org.wfmagentsync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.config.ConnectorConfig;
import org.wfmagentsync.config.SettingSources;
import org.wfmagentsync.config.UnknownCamelOption;
import org.wfmagentsync.config.UnknownSettings;
import org.wfmagentsync.target.PresenceSource;
import org.wfmagentsync.target.TargetResolver;

/**
 * Camel Main as the connector starts it, checking what it is given before anything opens: the
 * configuration file is there (else where it was looked for), no key of the connector's or the
 * sandbox's is misspelt (else the closest known one), a misspelt {@code camel.*} key is named in
 * one line, route folders are read through symbolic links, and the sync routes are there. Once
 * started, it checks the presence source ({@link PresenceSource}) and says in a few lines what it
 * talks to ({@link StartupSummary}).
 */
final class ConnectorMain extends Main {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorMain.class);

    private final SettingsOrigin settings;
    private final Map<String, String> environment;
    private final Optional<? extends Collection<String>> sandboxKeys;
    private final TargetResolver target;
    private final StartupSummary summary;
    private final boolean dryRun;
    private RouteFiles routeFiles;

    /**
     * @param sandboxKeys the installed sandbox's own keys; empty when the jar has no sandbox
     * @param target      decides what the connector talks to, before anything is built
     * @param dryRun      for {@code check} and {@code mapping export} ({@link DryRun}): the REST API's
     *                    routes are left out (no management server serves them), and the start neither
     *                    checks the presence source (the dry run looks it up itself) nor prints its summary
     */
    ConnectorMain(SettingsOrigin settings, Map<String, String> environment,
            Optional<? extends Collection<String>> sandboxKeys, TargetResolver target, boolean dryRun) {
        this.settings = settings;
        this.environment = Map.copyOf(environment);
        this.sandboxKeys = sandboxKeys;
        this.target = target;
        this.summary = new StartupSummary(target, this);
        this.dryRun = dryRun;
        settings.location().ifPresent(this::setPropertyPlaceholderLocations);
        addMainListener(target);
    }

    /** Where the settings come from. */
    SettingsOrigin settings() {
        return settings;
    }

    /** What the connector talks to, as the start-up summary says it; empty before the start. */
    String target() {
        return target.target();
    }

    /** The route files as loaded; null before the routes are configured. */
    RouteFiles routeFiles() {
        return routeFiles;
    }

    @Override
    protected void doInit() throws Exception {
        Properties overrides = getOverrideProperties() != null ? getOverrideProperties() : new Properties();
        SettingSources given = SettingSources.of(settings.name(), settings.read(), System.getProperties(), overrides,
                environment.keySet());
        refuseUnknownSettings(given);
        try {
            super.doInit();
        } catch (Exception e) {
            throw UnknownCamelOption.explain(e, getCamelContext(), given).map(Exception.class::cast).orElse(e);
        }
    }

    /**
     * Once Camel has started (with start() as with run()): the presence source is checked (or found,
     * or created), which may fail the start, then the connector's few lines about itself.
     */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (dryRun) {
            return;
        }
        PresenceSource source = getCamelContext().getRegistry().lookupByNameAndType("presenceSource", PresenceSource.class);
        if (source != null) {
            try {
                source.checkAtStartup();
            } catch (RuntimeException refused) {
                doStop();
                throw refused;
            }
        }
        summary.log(getCamelContext());
    }

    /**
     * Each unknown variable, each unknown key without effect and each key of a Camel group that does
     * not exist is one warning; any other unknown key stops the start.
     */
    private void refuseUnknownSettings(SettingSources given) {
        UnknownSettings known = new UnknownSettings(ConnectorConfig.definition(), sandboxKeys);
        List<UnknownSettings.Finding> findings = new ArrayList<>();
        for (SettingSources.Source source : given.sources()) {
            findings.addAll(known.in(source.name(), source.keys()));
        }
        findings.addAll(known.inEnvironment(given.environment()));
        findings.stream().filter(finding -> !finding.stopsTheStart()).forEach(finding -> LOG.warn("{}", finding.message()));
        UnknownCamelOption.unknownGroups(given).forEach(warning -> LOG.warn("{}", warning));
        UnknownSettings.requireNone(findings);
    }

    /**
     * Camel first reads the route folders here (for modelines), right after it has read
     * {@code camel.main.routes-include-pattern}: the folders are resolved before that, and a missing
     * one fails the start naming it rather than with {@code NoSuchFileException}.
     */
    @Override
    protected void modelineRoutes(CamelContext context) throws Exception {
        useRealRouteFolders();
        super.modelineRoutes(context);
    }

    @Override
    protected void configureRoutes(CamelContext context) throws Exception {
        useRealRouteFolders(); // the whole camel.main.* binding in between may have set the pattern again
        super.configureRoutes(context);
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        routeFiles.requireSyncRoutes(model.getRouteDefinitions()
                .stream().map(route -> Objects.requireNonNullElse(route.getRouteId(), "(a route without id)")).toList());
        if (dryRun) {
            model.removeRouteDefinitions(model.getRouteDefinitions().stream()
                    .filter(route -> Boolean.TRUE.equals(route.isRest())).toList());
        }
    }

    private void useRealRouteFolders() {
        String pattern = configure().getRoutesIncludePattern();
        if (routeFiles == null || !Objects.equals(pattern, routeFiles.resolvedPattern())) {
            routeFiles = RouteFiles.resolve(pattern);
        }
        configure().setRoutesIncludePattern(routeFiles.resolvedPattern());
    }
}
