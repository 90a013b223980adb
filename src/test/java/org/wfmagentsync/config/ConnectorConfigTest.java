package org.wfmagentsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The connector's definitions keep what the ad-hoc reading checked and said before them
 * (Settings, SyncBeans, PublishingWindow), so wiring them in changes no behaviour and no message.
 */
class ConnectorConfigTest {

    private final ConfigReader defaults = new ConfigReader(name -> Optional.empty());

    @Test
    void the_defaults_are_the_ones_the_connector_has_always_shipped() {
        assertEquals("auto", defaults.get(ConnectorConfig.MODE));
        assertEquals(Duration.ofSeconds(60), defaults.get(ConnectorConfig.GENESYS_TOKEN_REFRESH_MARGIN));
        assertEquals("0 0/5 * * * ?", defaults.get(ConnectorConfig.SCHEDULE_CRON));
        assertEquals(100, defaults.get(ConnectorConfig.PUSH_BATCH_SIZE));
        assertEquals(0.3, defaults.get(ConnectorConfig.PUSH_BACKOFF_RATIO));
        assertEquals(Set.of(DayOfWeek.TUESDAY), defaults.get(ConnectorConfig.WINDOW_DAYS));
        assertEquals(LocalTime.of(10, 0), defaults.get(ConnectorConfig.WINDOW_END));
        assertEquals(ZoneId.of("America/Chicago"), defaults.get(ConnectorConfig.WINDOW_ZONE));
        assertEquals(Set.of(429, 502, 503, 504), defaults.get(ConnectorConfig.RETRY_STATUSES));
        assertEquals(Set.of("SCHEDULE_CONFLICT"), defaults.get(ConnectorConfig.RETRY_CONFLICT_CODES));
        assertEquals(2.0, defaults.get(ConnectorConfig.RETRY_BACKOFF_MULTIPLIER));
        assertEquals("jdbc:h2:file:./data/wfm-agent-sync", defaults.get(ConnectorConfig.DB_URL));
        assertFalse(defaults.get(ConnectorConfig.DEADLETTER_REDRIVE));
        assertEquals("", defaults.get(ConnectorConfig.NODE_NAME), "empty: the host name and the process id");
        assertEquals(Duration.ofHours(1), defaults.get(ConnectorConfig.PUSH_LEARNED_LIMIT_STEP));
        assertEquals(55, ConnectorConfig.definition().keys().size());
    }

    @Test
    void the_limits_and_messages_are_those_of_the_code_they_replace() {
        assertEquals("wfm.push.batch-size must be between 1 and 100, got 250",
                refused(ConnectorConfig.PUSH_BATCH_SIZE, "250"));
        assertEquals("wfm.push.backoff-ratio must be between 0 and 1 (exclusive), got 1",
                refused(ConnectorConfig.PUSH_BACKOFF_RATIO, "1"));
        assertEquals("wfm.push.max-concurrent must be between 1 and 256, got 257",
                refused(ConnectorConfig.PUSH_MAX_CONCURRENT, "257"));
        assertEquals("wfm.retry.max-redeliveries must be between 0 and 1000, got 1001",
                refused(ConnectorConfig.RETRY_MAX_REDELIVERIES, "1001"));
        assertEquals("wfm.runs.keep must be between 1 and 100000, got 0", refused(ConnectorConfig.RUNS_KEEP, "0"));
        assertEquals("wfm.retry.budget.retry-cost must be between 1 and 1000000, got 0",
                refused(ConnectorConfig.RETRY_BUDGET_RETRY_COST, "0"));
        assertEquals("wfm.window.mode must be schedule, on or off, got 'always'",
                refused(ConnectorConfig.WINDOW_MODE, "always"));
        assertEquals("wfm.window.days must list days of the week such as TUESDAY, got 'TUESDAI'",
                refused(ConnectorConfig.WINDOW_DAYS, "TUESDAI"));
        assertEquals("wfm.window.zone must be a time zone such as America/Chicago, got 'Chicago'",
                refused(ConnectorConfig.WINDOW_ZONE, "Chicago"));
        assertEquals("wfm.window.start must be a time of day such as 09:00, got '9am'",
                refused(ConnectorConfig.WINDOW_START, "9am"));
        assertTrue(refused(ConnectorConfig.RETRY_STATUSES, "429,abc").startsWith(
                "wfm.retry.statuses must list HTTP status codes, e.g. 429,502,503,504"));
    }

    @Test
    void an_empty_mode_means_auto_as_before() {
        ConfigReader blank = new ConfigReader(name -> Optional.of(name.equals("wfm.mode") ? " " : ""));
        assertEquals("auto", blank.get(ConnectorConfig.MODE));
    }

    @Test
    void the_connector_owns_its_prefixes_only_and_camel_keys_stay_camel_s() {
        for (ConfigKey<?> key : ConnectorConfig.definition().keys()) {
            assertTrue(key.name().matches("(wfm|genesys|legacy)\\.[a-z0-9.-]+") || key.name().equals("sandbox.mapping-file"),
                    key.name());
        }
        for (ConfigKey<?> key : CamelKeys.definition().keys()) {
            assertTrue(key.name().startsWith("camel."), key.name());
            assertTrue(key.defaultValue().isEmpty(), key.name() + ": Camel owns its default");
            assertTrue(ConnectorConfig.definition().initialProperties().getProperty(key.name()) == null, key.name());
        }
    }

    @Test
    void the_four_secrets_are_marked_and_have_no_value_by_default() {
        List<String> secrets = ConnectorConfig.definition().keys().stream().filter(ConfigKey::isSecret)
                .map(ConfigKey::name).toList();
        assertEquals(List.of("genesys.client-secret", "legacy.password", "wfm.db.password", "wfm.api.token"), secrets);
        for (String secret : secrets) {
            assertEquals("", ConnectorConfig.definition().initialProperties().getProperty(secret, ""));
        }
    }

    /** A key without a default in Camel's initial properties keeps {@code {{legacy.password}}} failing loudly when unset. */
    @Test
    void legacy_password_stays_unset_until_configured() {
        assertFalse(ConnectorConfig.definition().initialProperties().containsKey("legacy.password"));
        ConfigException error = assertThrows(ConfigException.class, () -> defaults.get(ConnectorConfig.LEGACY_PASSWORD));
        assertEquals("configuration key legacy.password is not set", error.getMessage());
    }

    @Test
    void every_key_is_documented_in_whole_sentences_and_every_group_has_keys() {
        for (ConfigGroup group : ConnectorConfig.definition().groups()) {
            assertFalse(group.keys().isEmpty(), group.title());
            for (ConfigKey<?> key : group.keys()) {
                assertTrue(key.documentation().endsWith("."), key.name() + ": " + key.documentation());
                assertFalse(key.documentation().contains("\n"), key.name());
            }
        }
    }

    @Test
    void the_shipped_defaults_pass_the_whole_validation() {
        defaults.validate(ConnectorConfig.definition());
        new ConfigReader(name -> Optional.ofNullable(Map.of("wfm.window.days", "").get(name)))
                .validate(ConnectorConfig.definition());
    }

    private static String refused(ConfigKey<?> key, String value) {
        return assertThrows(ConfigException.class, () -> key.parse(value)).getMessage();
    }
}
