package org.wfmagentsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.wfmagentsync.config.ConfigTypes.text;
import static org.wfmagentsync.config.ConfigTypes.wholeNumber;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A definition refuses its own mistakes when the class loads, not when an operator meets them. */
class ConfigDefTest {

    @Test
    void a_default_that_its_own_type_refuses_fails_the_definition() {
        ConfigGroup group = new ConfigDef().group("test");
        ConfigException error = assertThrows(ConfigException.class,
                () -> group.define("t.size", wholeNumber(1, 100), "250", "Size."));
        assertEquals("t.size must be between 1 and 100, got 250", error.getMessage());
    }

    @Test
    void a_secret_cannot_have_a_default() {
        ConfigGroup group = new ConfigDef().group("test");
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigKey<>("t.secret", text(), "hunter2", "A secret.", group, true));
    }

    @Test
    void a_key_is_defined_once() {
        ConfigDef definition = new ConfigDef();
        definition.group("one").define("t.key", text(), "", "Once.");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> definition.group("two").define("t.key", text(), "", "Twice."));
        assertEquals("t.key is defined twice", error.getMessage());
    }

    @Test
    void initial_properties_hold_every_default_and_leave_keys_without_one_unset() {
        ConfigDef definition = new ConfigDef();
        ConfigGroup group = definition.group("test");
        group.define("t.size", wholeNumber(1, 100), "10", "Size.");
        group.define("t.empty", text(), "", "Empty by default.");
        group.defineWithoutDefault("t.unset", text(), "Unset until configured.");
        group.defineSecret("t.secret", false, "A secret.");
        Properties expected = new Properties();
        expected.putAll(Map.of("t.size", "10", "t.empty", ""));
        assertEquals(expected, definition.initialProperties());
    }

    @Test
    void keys_keep_their_definition_order_across_groups() {
        ConfigDef definition = new ConfigDef();
        ConfigGroup first = definition.group("first");
        ConfigGroup second = definition.group("second");
        second.define("t.b", text(), "", "B.");
        first.define("t.a", text(), "", "A.");
        second.define("t.c", text(), "", "C.");
        assertEquals(List.of("t.a", "t.b", "t.c"), definition.groups().stream()
                .flatMap(group -> group.keys().stream()).map(ConfigKey::name).toList());
        assertEquals("t.c", definition.key("t.c").orElseThrow().name());
    }

    @Test
    void the_environment_variable_is_the_key_upper_cased_with_underscores() {
        ConfigKey<String> key = new ConfigDef().group("test").define("wfm.retry.budget.retry-cost", text(), "", "Cost.");
        assertEquals("WFM_RETRY_BUDGET_RETRY_COST", key.environmentVariable());
    }
}
