package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.config.ConfigKey;
import org.wfmagentsync.config.ConnectorConfig;
import org.yaml.snakeyaml.Yaml;

/**
 * compose.yaml, the failover pair the README and operations.md point to, as a compose tool reads
 * it (anchors and merge keys resolved): two connector instances on the PostgreSQL service, each
 * named, with settings the connector knows and no secret written into the file. (No container
 * engine runs here; {@code .ci/check-container} builds and runs the image itself.)
 */
class ComposeFileTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("compose.yaml")));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        return ((Map<String, Object>) service.get("environment")).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }

    @Test
    @SuppressWarnings("unchecked")
    void two_named_connectors_share_the_postgresql_service_with_known_settings_and_no_secret_in_the_file()
            throws IOException {
        Map<String, Object> services = services();
        assertEquals(Set.of("postgres", "connector-a", "connector-b"), services.keySet());
        Map<String, Object> a = (Map<String, Object>) services.get("connector-a");
        Map<String, Object> b = (Map<String, Object>) services.get("connector-b");
        Map<String, String> envA = environment(a);
        Map<String, String> envB = environment(b);
        Map<String, String> database = environment((Map<String, Object>) services.get("postgres"));

        assertEquals(a.get("image"), b.get("image"), "both instances run the same image");
        assertEquals(Map.of("WFM_NODE_NAME", "connector-a"), difference(envA, envB), "only their names differ");
        assertEquals("connector-b", envB.get("WFM_NODE_NAME"));
        assertNotEquals(a.get("ports"), b.get("ports"), "each its own host port");
        assertEquals("jdbc:postgresql://postgres:5432/" + database.get("POSTGRES_DB"), envA.get("WFM_DB_URL"));
        assertEquals(database.get("POSTGRES_USER"), envA.get("WFM_DB_USER"));

        Map<String, ConfigKey<?>> byVariable = ConnectorConfig.definition().keys().stream()
                .collect(Collectors.toMap(ConfigKey::environmentVariable, key -> key));
        for (String variable : envA.keySet()) {
            assertTrue(byVariable.containsKey(variable), variable + " is one of the connector's settings");
            if (byVariable.get(variable).isSecret()) {
                assertTrue(envA.get(variable).matches("\\$\\{" + variable + ":\\?[^}]*}"),
                        variable + " comes from the environment, never the file: " + envA.get(variable));
            }
        }
        assertTrue(database.get("POSTGRES_PASSWORD").startsWith("${WFM_DB_PASSWORD"), "the database's password too");
        assertTrue(List.of("WFM_DB_PASSWORD", "GENESYS_CLIENT_SECRET", "WFM_API_TOKEN").stream()
                .allMatch(envA::containsKey), "the secrets a real org needs are asked for: " + envA.keySet());
    }

    /** What {@code left} sets differently from {@code right}. */
    private static Map<String, String> difference(Map<String, String> left, Map<String, String> right) {
        return left.entrySet().stream().filter(entry -> !entry.getValue().equals(right.get(entry.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
