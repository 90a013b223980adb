package org.wfmagentsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The route files {@code camel.main.routes-include-pattern} names, and the check that they hold the
 * sync routes. Camel 4.14 walks a {@code file:} folder with {@code Files.walk} without following
 * symbolic links, so a {@code routes/} that is a symlink (a usual install layout) loaded no route at
 * all: {@code Routes startup (total:0)}, health served, nothing ever synced, no error. Camel is given
 * each folder by its real path instead, and a start without the sync routes is refused, naming the
 * pattern and the folder it searched.
 */
final class RouteFiles {

    static final String PATTERN_KEY = "camel.main.routes-include-pattern";

    /**
     * The routes a sync run and a replay cannot do without: the trigger, the run and its stages, and
     * those the connector's code reaches by name (the token route, the presence source calls, the
     * replay, the dead-letter channel).
     */
    static final List<String> SYNC_ROUTES = List.of("sync-schedule", "sync-run", "pull-agents", "push-events",
            "oauth-token", "presence-sources", "replay", "dead-letter-batch");

    private final String pattern;
    private final String resolved;
    private final List<Path> folders;

    private RouteFiles(String pattern, String resolved, List<Path> folders) {
        this.pattern = pattern;
        this.resolved = resolved;
        this.folders = List.copyOf(folders);
    }

    /** The pattern with each {@code file:} folder replaced by its real path; a folder that is not there fails the start. */
    static RouteFiles resolve(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return new RouteFiles(String.valueOf(pattern), pattern, List.of());
        }
        List<String> parts = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (String part : pattern.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.startsWith("file:")) {
                parts.add(trimmed);
                continue;
            }
            String path = trimmed.substring("file:".length());
            List<String> segments = Arrays.asList(path.split("/", -1));
            int wildcard = 0;
            while (wildcard < segments.size() - 1 && !isWildcard(segments.get(wildcard))) {
                wildcard++;
            }
            String root = String.join("/", segments.subList(0, wildcard));
            Path folder = real(pattern, root.isEmpty() ? Path.of(path.startsWith("/") ? "/" : ".") : Path.of(root));
            folders.add(folder);
            String rest = String.join("/", segments.subList(wildcard, segments.size()));
            parts.add("file:" + folder + (folder.toString().endsWith("/") ? "" : "/") + rest);
        }
        return new RouteFiles(pattern, String.join(",", parts), folders);
    }

    /** What Camel is to load: the pattern with real folders. */
    String resolvedPattern() {
        return resolved;
    }

    /** The folders searched, by their real paths. */
    List<Path> folders() {
        return folders;
    }

    String pattern() {
        return pattern;
    }

    /** Refuses a start whose route files hold no route, or not the sync routes. */
    void requireSyncRoutes(Collection<String> routeIds) {
        String searched = PATTERN_KEY + " is " + pattern + (folders.isEmpty() ? "" : ", searched in " + folderList());
        if (routeIds.isEmpty()) {
            throw new IllegalStateException("no route loaded (" + searched + "): without routes the connector would"
                    + " serve health and never sync. It runs from its install folder, the one that holds routes/ and"
                    + " config/, or set " + PATTERN_KEY + " to where the route files are");
        }
        List<String> missing = SYNC_ROUTES.stream().filter(id -> !routeIds.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the route files lack " + String.join(", ", missing) + " (" + searched
                    + ", found " + String.join(", ", routeIds.stream().sorted().toList()) + "): the connector cannot"
                    + " sync without them");
        }
    }

    private String folderList() {
        return String.join(", ", folders.stream().map(Path::toString).toList());
    }

    private static boolean isWildcard(String segment) {
        return segment.contains("*") || segment.contains("?") || segment.contains("{") || segment.contains("[");
    }

    private static Path real(String pattern, Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalStateException(PATTERN_KEY + " is " + pattern + ", and there is no folder " + absolute
                    + ": the connector runs from its install folder, the one that holds routes/ and config/ (the"
                    + " working directory is " + Path.of("").toAbsolutePath() + "), or set " + PATTERN_KEY
                    + " to where the route files are");
        }
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the route folder " + absolute + ": " + e.getMessage(), e);
        }
    }
}
