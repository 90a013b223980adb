package org.wfmagentsync.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wfmagentsync.config.ConnectorConfig;

/** The rule of wfm.mode, with a fake environment and fake settings. */
class TargetChoiceTest {

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();
    private static final Function<String, String> NOTHING_SET = key -> null;

    @Test
    void auto_with_nothing_configured_and_a_sandbox_on_the_class_path_runs_the_sandbox() {
        assertTrue(TargetChoice.decide("auto", true, NO_ENVIRONMENT, NOTHING_SET).sandbox());
        assertTrue(TargetChoice.decide("", true, NO_ENVIRONMENT, NOTHING_SET).sandbox(), "an empty mode is auto");
    }

    @Test
    void the_shipped_defaults_do_not_count_as_configured() throws IOException {
        // the defaults set genesys.token-refresh-margin-ms and legacy.future-tolerance-ms: not a real target
        Properties file = new Properties();
        file.putAll(ConnectorConfig.definition().initialProperties());
        try (Reader in = Files.newBufferedReader(Path.of("config/application.properties"), StandardCharsets.UTF_8)) {
            file.load(in);
        }
        assertTrue(file.getProperty("genesys.token-refresh-margin-ms", "").length() > 0, "a genesys.* key has a default");

        TargetChoice choice = TargetChoice.decide(file.getProperty("wfm.mode"), true, NO_ENVIRONMENT, file::getProperty);

        assertTrue(choice.sandbox(), "the shipped configuration alone means the sandbox, in the quick start");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GENESYS_CLIENT_ID", "GENESYS_REGION", "GENESYS_TOKEN_REFRESH_MARGIN_MS", "LEGACY_AGENTS_URL",
            "LEGACY_PASSWORD", "LEGACY_FUTURE_TOLERANCE_MS"})
    void any_GENESYS_or_LEGACY_variable_keeps_auto_off_the_sandbox_and_is_named(String variable) {
        TargetChoice choice = TargetChoice.decide("auto", true, Map.of(variable, "x", "WFM_API_TOKEN", "t"), NOTHING_SET);

        assertFalse(choice.sandbox());
        assertTrue(choice.hint().contains("not started because " + variable + " is set"), choice.hint());
    }

    @Test
    void an_empty_GENESYS_variable_counts_too_a_secret_that_did_not_load_must_not_mean_the_sandbox() {
        TargetChoice choice = TargetChoice.decide("auto", true, Map.of("GENESYS_CLIENT_SECRET", ""), NOTHING_SET);

        assertFalse(choice.sandbox());
    }

    @Test
    void other_variables_do_not_count() {
        Map<String, String> environment = Map.of("WFM_API_TOKEN", "t", "WFM_MODE", "auto", "CAMEL_MANAGEMENT_HOST", "0.0.0.0",
                "GENESYSX", "x", "PATH", "/usr/bin");

        assertTrue(TargetChoice.decide("auto", true, environment, NOTHING_SET).sandbox());
    }

    @ParameterizedTest
    @ValueSource(strings = {"genesys.region", "genesys.api-url", "genesys.login-url", "genesys.client-id",
            "genesys.client-secret", "genesys.presence-source-id", "genesys.presence-source-name", "legacy.agents-url"})
    void a_real_target_setting_keeps_auto_off_the_sandbox_and_is_named(String key) {
        TargetChoice choice = TargetChoice.decide("auto", true, NO_ENVIRONMENT, k -> k.equals(key) ? "value" : "");

        assertFalse(choice.sandbox());
        assertTrue(choice.hint().contains(key + " is set"), choice.hint());
        assertFalse(choice.hint().contains("value"), "names the setting, never its value: " + choice.hint());
    }

    @Test
    void a_blank_setting_is_not_set() {
        assertTrue(TargetChoice.decide("auto", true, NO_ENVIRONMENT, key -> "  ").sandbox());
    }

    @Test
    void a_setting_from_its_environment_variable_is_named_once() {
        TargetChoice choice = TargetChoice.decide("auto", true, Map.of("GENESYS_CLIENT_ID", "c"),
                key -> key.equals("genesys.client-id") ? "c" : null);

        assertEquals("the sandbox is not started because GENESYS_CLIENT_ID is set: unset every GENESYS_* and LEGACY_*"
                + " setting, or set WFM_MODE=sandbox, to run against it", choice.hint());
    }

    @Test
    void auto_without_a_sandbox_on_the_class_path_is_a_real_org_and_says_how_to_run_the_sandbox() {
        TargetChoice choice = TargetChoice.decide("auto", false, NO_ENVIRONMENT, NOTHING_SET);

        assertFalse(choice.sandbox());
        assertTrue(choice.hint().contains("this jar has no sandbox"), choice.hint());
        assertTrue(choice.hint().contains("java -jar quickstart/target/wfm-agent-sync-quickstart.jar"), choice.hint());
    }

    @Test
    void genesys_mode_never_runs_the_sandbox() {
        assertFalse(TargetChoice.decide("genesys", true, NO_ENVIRONMENT, NOTHING_SET).sandbox());
        assertFalse(TargetChoice.decide(" GENESYS ", true, NO_ENVIRONMENT, NOTHING_SET).sandbox());
    }

    @Test
    void sandbox_mode_runs_the_sandbox_even_with_real_target_settings() {
        assertTrue(TargetChoice.decide("sandbox", true, Map.of("GENESYS_REGION", "eu-west-1"), key -> "x").sandbox());
    }

    @Test
    void sandbox_mode_without_a_sandbox_on_the_class_path_fails_naming_the_quick_start() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TargetChoice.decide("sandbox", false, NO_ENVIRONMENT, NOTHING_SET));

        assertTrue(failure.getMessage().contains("java -jar quickstart/target/wfm-agent-sync-quickstart.jar"),
                failure.getMessage());
    }

    @Test
    void an_unknown_mode_is_refused_naming_the_choices() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TargetChoice.decide("simulator", true, NO_ENVIRONMENT, NOTHING_SET));

        assertEquals("WFM_MODE must be auto, sandbox or genesys, got 'simulator'", failure.getMessage());
    }
}
