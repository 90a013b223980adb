package org.wfmagentsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reference page and the generated section of the properties file are what the definitions
 * say today; run with {@code -Dwfm.config.regenerate=true} ({@link ConfigReference#REGENERATE}) to rewrite them.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("docs/configuration.md");
    private static final Path PROPERTIES = Path.of("config/application.properties");
    private static final boolean REGENERATE = Boolean.getBoolean("wfm.config.regenerate");

    @Test
    void docs_configuration_md_is_generated_from_the_definitions() throws IOException {
        String expected = ConfigReference.markdown(ConnectorConfig.definition(), CamelKeys.definition());
        keepCurrent(REFERENCE, expected);
    }

    @Test
    void the_properties_file_lists_the_connector_keys_as_generated_from_the_definitions() throws IOException {
        String file = Files.readString(PROPERTIES, StandardCharsets.UTF_8);
        keepCurrent(PROPERTIES, ConfigReference.replaceSection(file,
                ConfigReference.propertiesSection(ConnectorConfig.definition())));
    }

    /** A connector key set in the shipped file would be a second default beside its definition. */
    @Test
    void the_shipped_properties_file_sets_camel_keys_only() throws IOException {
        List<String> set = new ArrayList<>();
        for (String line : Files.readAllLines(PROPERTIES, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("camel.")) {
                set.add(trimmed);
            }
        }
        assertEquals(List.of(), set, "keys other than camel.* set in " + PROPERTIES);
    }

    /** A misspelt placeholder in a route file would otherwise fail only when that route starts. */
    @Test
    void every_connector_placeholder_in_the_route_files_is_a_defined_key() throws IOException {
        Pattern placeholder = Pattern.compile("\\{\\{((?:wfm|genesys|legacy|sandbox)\\.[^}:]+)}}");
        TreeSet<String> unknown = new TreeSet<>();
        int found = 0;
        try (DirectoryStream<Path> routes = Files.newDirectoryStream(Path.of("routes"), "*.camel.yaml")) {
            for (Path route : routes) {
                Matcher matcher = placeholder.matcher(Files.readString(route, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    found++;
                    if (ConnectorConfig.definition().key(matcher.group(1)).isEmpty()) {
                        unknown.add(route.getFileName() + ": " + matcher.group(1));
                    }
                }
            }
        }
        assertTrue(found > 0, "the route files use connector keys");
        assertEquals(new TreeSet<>(), unknown, "placeholders with no definition in ConnectorConfig");
    }

    private static void keepCurrent(Path file, String expected) throws IOException {
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (committed.equals(expected)) {
            return;
        }
        if (REGENERATE) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        fail(file + " is not what the definitions in org.wfmagentsync.config.ConnectorConfig say;"
                + " regenerate it with: " + ConfigReference.REGENERATE + "\n" + firstDifference(committed, expected));
    }

    private static String firstDifference(String committed, String expected) {
        String[] have = committed.split("\n", -1);
        String[] want = expected.split("\n", -1);
        for (int i = 0; i < Math.max(have.length, want.length); i++) {
            String a = i < have.length ? have[i] : "<end of file>";
            String b = i < want.length ? want[i] : "<end of file>";
            if (!a.equals(b)) {
                return "first difference at line " + (i + 1) + ":\n  committed: " + a + "\n  generated: " + b;
            }
        }
        return "";
    }
}
