package org.wfmagentsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which names in the connector's namespaces are not settings, what the operator is told, and which ones stop the start. */
class UnknownSettingsTest {

    private static final String FILE = "config/application.properties";

    private final UnknownSettings withSandbox = new UnknownSettings(ConnectorConfig.definition(),
            Optional.of(Set.of("sandbox.legacy.agents", "sandbox.genesys.latency.medianMs")));
    private final UnknownSettings withoutSandbox = new UnknownSettings(ConnectorConfig.definition(), Optional.empty());

    @Test
    void a_misspelt_key_in_the_file_stops_the_start_naming_it_and_the_closest_key() {
        List<UnknownSettings.Finding> findings = withoutSandbox.in(FILE, Set.of("wfm.push.batchsize", "wfm.push.batch-size",
                "camel.main.name", "java.home"));

        assertEquals(List.of(new UnknownSettings.Finding("wfm.push.batchsize", "config/application.properties sets"
                + " wfm.push.batchsize, which is not a setting; did you mean wfm.push.batch-size?", true)), findings);
        ConfigException error = assertThrows(ConfigException.class, () -> UnknownSettings.requireNone(findings));
        assertEquals("config/application.properties sets wfm.push.batchsize, which is not a setting; did you mean"
                + " wfm.push.batch-size?", error.getMessage());
    }

    @Test
    void a_key_near_no_setting_points_at_the_reference() {
        assertEquals("a system property (-D) sets legacy.feed, which is not a setting (docs/configuration.md lists"
                + " every key)", withoutSandbox.in(SettingSources.SYSTEM_PROPERTIES, Set.of("legacy.feed")).get(0).message());
    }

    @Test
    void several_unknown_keys_are_reported_together_in_one_line() {
        ConfigException error = assertThrows(ConfigException.class, () -> UnknownSettings.requireNone(
                withoutSandbox.in(FILE, Set.of("wfm.push.batchsize", "genesys.clientid"))));
        assertEquals("2 unknown settings: config/application.properties sets genesys.clientid, which is not a setting;"
                + " did you mean genesys.client-id?; config/application.properties sets wfm.push.batchsize, which is not"
                + " a setting; did you mean wfm.push.batch-size?", error.getMessage());
    }

    @Test
    void the_sandbox_keys_are_known_when_a_sandbox_is_installed_and_a_misspelt_one_stops_the_start() {
        assertEquals(List.of(), withSandbox.in(FILE, Set.of("sandbox.legacy.agents", "sandbox.mapping-file")));
        assertEquals("config/application.properties sets sandbox.legacy.agnts, which is not a setting; did you mean"
                + " sandbox.legacy.agents?", withSandbox.in(FILE, Set.of("sandbox.legacy.agnts")).get(0).message());
    }

    @Test
    void without_a_sandbox_a_sandbox_key_is_a_warning_that_nothing_reads_it() {
        List<UnknownSettings.Finding> findings = withoutSandbox.in(FILE, Set.of("sandbox.legacy.agents",
                "sandbox.mapping-file"));

        assertEquals(List.of(new UnknownSettings.Finding("sandbox.legacy.agents", "config/application.properties sets"
                + " sandbox.legacy.agents, a sandbox setting, but this jar has no sandbox (the quick start jar has one),"
                + " so nothing reads it", false)), findings);
        UnknownSettings.requireNone(findings); // does not stop the start
    }

    @Test
    void an_environment_variable_that_matches_no_key_is_a_warning_naming_the_closest_variable() {
        List<UnknownSettings.Finding> findings = withSandbox.inEnvironment(Set.of("WFM_PUSH_BATCHSIZE", "WFM_PUSH_BATCH_SIZE",
                "GENESYS_CLIENT_SECRET", "SANDBOX_GENESYS_LATENCY_MEDIANMS", "WFM_CONFIG_FILE", "WFM_API_URL",
                "WFM_LOG_LEVEL", "WFM_LOG_FORMAT", "PATH", "CAMEL_MANAGEMENT_HOST"));

        assertEquals(List.of(new UnknownSettings.Finding("WFM_PUSH_BATCHSIZE", "the environment variable"
                + " WFM_PUSH_BATCHSIZE matches no setting, so nothing reads it; did you mean WFM_PUSH_BATCH_SIZE?", false)),
                findings);
        assertEquals("the environment variable SANDBOX_LEGACY_AGENTS is for the sandbox, but this jar has no sandbox"
                + " (the quick start jar has one), so nothing reads it",
                withoutSandbox.inEnvironment(Set.of("SANDBOX_LEGACY_AGENTS", "SANDBOX_MAPPING_FILE")).get(0).message());
    }
}
