package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user types it, {@code java -jar target/wfm-agent-sync.jar ...} from the
 * project root: the packaged jar knows its version, and a word it does not know never starts Camel.
 */
class CommandLineIT {

    private static final Path JAR = Path.of("target", "wfm-agent-sync.jar");

    @TempDir
    Path dir;

    @Test
    void the_jar_prints_the_version_the_build_set() throws Exception {
        Run run = java("--version");

        assertEquals(0, run.exit, run.output);
        assertEquals("wfm-agent-sync " + pomVersion(), run.output.lines().findFirst().orElse(""), run.output);
    }

    @Test
    void an_unknown_command_exits_2_naming_it_and_camel_never_starts() throws Exception {
        Run run = java("statuss");

        assertEquals(2, run.exit, run.output);
        assertTrue(run.output.startsWith("error: unknown command 'statuss'\ncommands:\n"), run.output);
        assertTrue(run.output.contains("try: java -jar " + JAR + " --help"), run.output);
        assertFalse(run.output.contains("Apache Camel"), "Camel started:\n" + run.output);
    }

    private record Run(int exit, String output) {
    }

    /** {@code java -jar target/wfm-agent-sync.jar args} from the project root, stdout and stderr together. */
    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static String pomVersion() throws IOException {
        Matcher parent = Pattern.compile("(?s)<parent>.*?<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("connector.pom.xml")));
        assertTrue(parent.find());
        return parent.group(1);
    }
}
