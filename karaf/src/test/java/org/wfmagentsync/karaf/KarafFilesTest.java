package org.wfmagentsync.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the feature ships stays what standalone ships: {@code etc/org.wfmagentsync.cfg} is
 * {@code config/application.properties} with the Karaf paths in place of the install folder's
 * (regenerate it with {@code -Dwfm.config.regenerate=true}), and the feature and the build carry
 * every route file of {@code routes/} and both mapping files.
 */
class KarafFilesTest {

    static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    static final Path CFG = Path.of("src/main/cfg/org.wfmagentsync.cfg");
    private static final boolean REGENERATE = Boolean.getBoolean("wfm.config.regenerate");

    /** Lines of application.properties replaced in the Karaf file, each exactly once. */
    static final Map<String, String> KARAF_LINES = Map.of(
            "camel.main.routes-include-pattern = file:routes/*.camel.yaml",
            "camel.main.routes-include-pattern = file:${karaf.etc}/wfm-agent-sync/routes/*.camel.yaml",
            "#wfm.mapping.agents-file = config/agents.csv",
            "wfm.mapping.agents-file = ${karaf.etc}/wfm-agent-sync/agents.csv",
            "#wfm.mapping.states-file = config/states.csv",
            "wfm.mapping.states-file = ${karaf.etc}/wfm-agent-sync/states.csv",
            "#wfm.db.url = jdbc:h2:file:./data/wfm-agent-sync",
            "wfm.db.url = jdbc:h2:file:${karaf.data}/wfm-agent-sync/state");

    static final String HEADER = """
            # wfm-agent-sync in Apache Karaf: etc/org.wfmagentsync.cfg, read through Config Admin (pid
            # org.wfmagentsync). The same keys as config/application.properties, checked the same way: a
            # misspelt key stops the start and karaf.log names it and the closest known one. Saving this file
            # restarts the connector (a run in progress ends as on a graceful stop); the route files and
            # mapping files below are read at that start. ${karaf.etc} and ${karaf.data} are Karaf's folders.
            # Generated from config/application.properties (KarafFilesTest); the lines that differ are the
            # route folder, the mapping files and the state database.
            #
            """;

    @Test
    void theKarafSettingsAreTheStandaloneSettingsWithKarafPaths() throws IOException {
        String expected = karafSettings(Files.readString(ROOT.resolve("config/application.properties")));
        if (REGENERATE) {
            Files.writeString(CFG, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(CFG),
                CFG + " is out of date: regenerate it with -Dwfm.config.regenerate=true");
    }

    @Test
    void theFeatureAndTheBuildCarryEveryRouteFileAndBothMappingFiles() throws IOException {
        TreeSet<String> routes = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ROOT.resolve("routes"), "*.camel.yaml")) {
            files.forEach(file -> routes.add(file.getFileName().toString().replace(".camel.yaml", "")));
        }
        String features = Files.readString(Path.of("src/main/feature/features.xml"));
        TreeSet<String> shipped = new TreeSet<>(matches(features,
                "finalname=\"\\$\\{karaf.etc}/wfm-agent-sync/routes/([a-z-]+)\\.camel\\.yaml\"[^>]*>mvn:[^<]*/yaml/\\1<"));
        assertEquals(routes, shipped, "routes/ against the feature's route files");
        String pom = Files.readString(Path.of("pom.xml"));
        TreeSet<String> attached = new TreeSet<>(matches(pom,
                "routes/([a-z-]+)\\.camel\\.yaml</file><type>yaml</type><classifier>\\1</classifier>"));
        assertEquals(routes, attached, "routes/ against the route files the build attaches");
        for (String mapping : List.of("agents", "states")) {
            assertTrue(features.contains("finalname=\"${karaf.etc}/wfm-agent-sync/" + mapping + ".csv\""), mapping);
            assertTrue(pom.contains("config/" + mapping + ".csv</file><type>csv</type><classifier>" + mapping + "<"),
                    mapping);
        }
    }

    static String karafSettings(String standalone) {
        String text = standalone;
        for (Map.Entry<String, String> line : KARAF_LINES.entrySet()) {
            Matcher found = Pattern.compile("(?m)^" + Pattern.quote(line.getKey()) + "$").matcher(text);
            assertTrue(found.find(), "config/application.properties has no line " + line.getKey());
            text = found.replaceFirst(Matcher.quoteReplacement(line.getValue()));
        }
        return HEADER + text;
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
