package org.wfmagentsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wfmagentsync.config.ConfigTypes.text;
import static org.wfmagentsync.config.ConfigTypes.wholeNumber;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The reader gives each key its configured value, else its definition's default, and names the key in every error. */
class ConfigReaderTest {

    private final ConfigDef definition = new ConfigDef();
    private final ConfigGroup group = definition.group("test");
    private final ConfigKey<Integer> size = group.define("t.size", wholeNumber(1, 100), "10", "Size.");
    private final ConfigKey<String> region = group.define("t.region", text(), "", "Region.");
    private final ConfigKey<String> password = group.defineSecret("t.password", false, "Password.");

    @Test
    void a_configured_value_wins_over_the_default() {
        assertEquals(42, reader(Map.of("t.size", " 42 ")).get(size));
        assertEquals(10, reader(Map.of()).get(size));
    }

    @Test
    void a_key_with_neither_value_nor_default_is_reported_as_not_set() {
        ConfigException error = assertThrows(ConfigException.class, () -> reader(Map.of()).get(password));
        assertEquals("configuration key t.password is not set", error.getMessage());
        assertEquals("t.password", error.key());
    }

    @Test
    void find_and_is_set_treat_a_blank_value_as_unset() {
        ConfigReader reader = reader(Map.of("t.region", "  "));
        assertEquals(Optional.empty(), reader.find(region));
        assertFalse(reader.isSet(region));
        assertEquals("", reader.get(region));
        assertEquals(Optional.empty(), reader.find(password));
        assertEquals(Optional.of("eu-west-1"), reader(Map.of("t.region", "eu-west-1")).find(region));
        assertTrue(reader(Map.of()).isSet(size));
    }

    @Test
    void validation_reports_every_bad_value_at_once() {
        ConfigKey<Integer> count = group.define("t.count", wholeNumber(0, 5), "0", "Count.");
        ConfigException error = assertThrows(ConfigException.class,
                () -> reader(Map.of("t.size", "250", "t.count", "many")).validate(definition));
        assertEquals("2 configuration errors: t.size must be between 1 and 100, got 250; t.count must be a whole"
                + " number, got 'many'", error.getMessage());
        assertEquals("t.size", error.key());
        assertEquals(0, reader(Map.of()).get(count));
    }

    @Test
    void validation_with_one_bad_value_reports_just_that_one() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> reader(Map.of("t.size", "0")).validate(definition));
        assertEquals("t.size must be between 1 and 100, got 0", error.getMessage());
    }

    @Test
    void reads_camel_s_properties_component_with_its_initial_properties_and_nested_placeholders() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(definition.initialProperties());
            context.getPropertiesComponent().addOverrideProperty("t.region", "{{t.base}}-1");
            context.getPropertiesComponent().addOverrideProperty("t.base", "eu-west");
            ConfigReader reader = ConfigReader.of(context);
            assertEquals(10, reader.get(size));
            assertEquals("eu-west-1", reader.get(region));
        }
    }

    private static ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(name -> Optional.ofNullable(values.get(name)));
    }
}
