package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wfmagentsync.model.RunSummary;

/**
 * The route files are found where camel.main.routes-include-pattern says, through a symbolic link
 * too (Camel alone loads no route from a symlinked folder and the connector then never syncs), and
 * a start without the sync routes is refused, naming the pattern and the folder it searched.
 */
class RouteFolderTest {

    @TempDir
    Path dir;

    @Test
    void a_routes_folder_that_is_a_symbolic_link_loads_every_route_and_syncs() throws Exception {
        Path real = copyOfTheRoutes("release-1");
        Path link = Files.createSymbolicLink(dir.resolve("routes"), real);

        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of(RouteFiles.PATTERN_KEY, "file:" + link + "/*.camel.yaml"))) {
            assertTrue(harness.context().getRoutes().stream().map(Route::getRouteId).toList()
                    .containsAll(RouteFiles.SYNC_ROUTES), "every sync route is loaded");
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
            assertEquals(5, run.delivered(), run.toLogLine());
        }
    }

    @Test
    void a_folder_without_route_files_refuses_the_start_naming_the_pattern_and_the_folder_searched() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String pattern = "file:" + empty + "/*.camel.yaml";

        Exception failure = assertThrows(Exception.class, () -> ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of(RouteFiles.PATTERN_KEY, pattern)).close());

        assertTrue(failure.getMessage().startsWith("no route loaded (camel.main.routes-include-pattern is " + pattern
                + ", searched in " + empty.toRealPath() + "): without routes the connector would serve health and never"
                + " sync."), failure.getMessage());
    }

    @Test
    void route_files_without_the_sync_routes_refuse_the_start_naming_the_missing_ones() throws Exception {
        Path routes = copyOfTheRoutes("no-sync");
        Files.delete(routes.resolve("sync.camel.yaml"));
        String pattern = "file:" + routes + "/*.camel.yaml";

        Exception failure = assertThrows(Exception.class, () -> ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of(RouteFiles.PATTERN_KEY, pattern)).close());

        assertTrue(failure.getMessage().startsWith("the route files lack sync-schedule, sync-run, replay"
                + " (camel.main.routes-include-pattern is " + pattern + ", searched in " + routes.toRealPath() + ", found "),
                failure.getMessage());
        assertTrue(failure.getMessage().endsWith("): the connector cannot sync without them"), failure.getMessage());
    }

    @Test
    void a_route_folder_that_does_not_exist_refuses_the_start_naming_its_absolute_path() {
        Path missing = dir.resolve("nowhere");
        String pattern = "file:" + missing + "/*.camel.yaml";

        Exception failure = assertThrows(Exception.class, () -> ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of(RouteFiles.PATTERN_KEY, pattern)).close());

        assertTrue(failure.getMessage().startsWith("camel.main.routes-include-pattern is " + pattern + ", and there is no"
                + " folder " + missing + ": the connector runs from its install folder"), failure.getMessage());
    }

    private Path copyOfTheRoutes(String name) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
