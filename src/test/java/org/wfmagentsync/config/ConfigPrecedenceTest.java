package org.wfmagentsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a value comes from, with a real Camel Main set up as the connector sets it up, in a JVM of
 * its own so that it has real environment variables: each key below is set at one more level than
 * the one before, and the highest level wins. The order is Camel's: defaults (initial properties)
 * &lt; properties file &lt; override properties &lt; -D system properties &lt; environment variables.
 */
class ConfigPrecedenceTest {

    @TempDir
    Path dir;

    @Test
    void each_level_wins_over_the_ones_below_it_and_route_placeholders_see_the_same_value() throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, String.join("\n",
                "wfm.push.batch-size = 20",
                "wfm.push.rate-per-minute = 20",
                "wfm.push.max-concurrent = 20",
                "wfm.push.initial-concurrent = 20",
                ""), StandardCharsets.UTF_8);
        Map<String, String> overrides = Map.of("wfm.push.rate-per-minute", "30", "wfm.push.max-concurrent", "30",
                "wfm.push.initial-concurrent", "30");
        Map<String, String> system = Map.of("wfm.push.max-concurrent", "40", "wfm.push.initial-concurrent", "40");
        Map<String, String> environment = Map.of("WFM_PUSH_INITIAL_CONCURRENT", "50",
                "WFM_WINDOW_INITIAL_CONCURRENT", "50");

        Map<String, String> seen = probe(file, overrides, system, environment, List.of("wfm.runs.keep",
                "wfm.push.batch-size", "wfm.push.rate-per-minute", "wfm.push.max-concurrent",
                "wfm.push.initial-concurrent", "wfm.window.initial-concurrent"));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("wfm.runs.keep", "1000|1000"); // the definition's default only
        expected.put("wfm.push.batch-size", "20|20"); // the file over the default
        expected.put("wfm.push.rate-per-minute", "30|30"); // override properties over the file
        expected.put("wfm.push.max-concurrent", "40|40"); // -D over override properties
        expected.put("wfm.push.initial-concurrent", "50|50"); // the environment over -D
        expected.put("wfm.window.initial-concurrent", "50|50"); // the environment over the default, no file line
        assertEquals(expected, seen);
    }

    /** Runs {@link PrecedenceProbe}; answers key -> "reader value|placeholder value". */
    private Map<String, String> probe(Path file, Map<String, String> overrides, Map<String, String> system,
            Map<String, String> environment, List<String> keys) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"));
        system.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(PrecedenceProbe.class.getName());
        command.add(file.toString());
        overrides.forEach((key, value) -> command.add(key + "=" + value));
        command.addAll(keys);
        Path log = dir.resolve("probe.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().keySet().removeIf(name -> name.startsWith("WFM_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not end within 60 s");
        List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join("\n", output));
        Map<String, String> seen = new LinkedHashMap<>();
        for (String line : output) {
            int equals = line.indexOf('=');
            if (equals > 0 && keys.contains(line.substring(0, equals))) {
                seen.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return seen;
    }
}
