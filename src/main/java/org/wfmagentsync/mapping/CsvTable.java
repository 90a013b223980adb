package org.wfmagentsync.mapping;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV file that operations staff edit (header row, {@code #} comments), checked as a whole and
 * re-read whenever it changes on disk, so that edits take effect at the next run without a restart.
 * An edit is noticed by the file's modification time and size. An edit that fails the check (or a
 * file that can no longer be read) is refused with one WARN line, once per edit, and the last
 * version that passed stays in use; with no such version yet, each run fails naming the file.
 */
final class CsvTable<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CsvTable.class);

    /** One state of the file on disk; a file that cannot be read is a state too, so it is reported once. */
    private record Version(FileTime modified, long size, String unreadable) {
    }

    /**
     * What the last look at the file found: the rows in use (if any version passed) and, when the
     * newest version is not the one in use, why ("is refused (line 12: ...)", "cannot be read (...)").
     */
    record Status(Path file, boolean usable, int rows, String problem) {

        /** The whole sentence, file included, as the log and a failed run say it; null when there is no problem. */
        String refused() {
            return problem == null ? null : "mapping file " + file + " " + problem;
        }
    }

    private final Path file;
    private final MappingFormat<T> format;
    /** The table of a file that is not there and never was, when the file is optional; null when it is required. */
    private final T whenAbsent;
    /** The version last read, in use or refused. */
    private Version seen;
    /** The version whose table is in use, with the table and its row count. */
    private Version inUse;
    private T table;
    private int rows;
    /** Why {@code seen} is not in use ("is refused (...)", "cannot be read (...)"); null when it is. */
    private String problem;

    CsvTable(Path file, MappingFormat<T> format) {
        this(file, format, null);
    }

    /**
     * A file that may be left out: while it is not there and never was, {@code whenAbsent} is in use
     * (a file that was there and disappears still leaves its last version in use).
     */
    CsvTable(Path file, MappingFormat<T> format, T whenAbsent) {
        this.file = file;
        this.format = format;
        this.whenAbsent = whenAbsent;
    }

    /** The table of the newest version that passed the check; reads the file first if it changed. */
    synchronized T current() {
        Version version = version();
        if (!version.equals(seen)) {
            take(version);
        }
        if (table == null) {
            throw new MappingFileUnusable("mapping file " + file.toAbsolutePath() + " " + problem);
        }
        return table;
    }

    /** Looks at the file as {@link #current()} does, and says what is in use and what was refused, without failing. */
    synchronized Status status() {
        try {
            current();
        } catch (MappingFileUnusable e) {
            // told by the status
        }
        return new Status(file.toAbsolutePath(), table != null, rows, problem);
    }

    /** The file as configured (relative paths stay relative: they name it as the operator does). */
    Path file() {
        return file;
    }

    private Version version() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(attributes.lastModifiedTime(), attributes.size(), null);
        } catch (IOException e) {
            return new Version(null, -1, failure(e));
        }
    }

    private void take(Version version) {
        boolean changed = seen != null;
        seen = version;
        FileProblems problems = new FileProblems();
        T read = null;
        int readRows = 0;
        String unreadable = version.unreadable();
        if (unreadable == null) {
            try {
                List<CsvRow> checked = new CsvRowReader(format.required(), format.optional(), format.alternatives())
                        .rows(Files.readString(file), problems);
                read = problems.any() ? null : format.table(checked, problems);
                readRows = checked.size();
            } catch (CharacterCodingException e) {
                problems.add(0, "it is not UTF-8 text; save it as UTF-8 (in a spreadsheet: CSV UTF-8)");
            } catch (IOException e) {
                unreadable = failure(e);
            }
        }
        if (whenAbsent != null && version.size() < 0 && version.unreadable().startsWith("NoSuchFileException")
                && (table == null || table == whenAbsent)) {
            inUse = version;
            table = whenAbsent;
            rows = 0;
            problem = null;
            return;
        }
        if (unreadable == null && !problems.any()) {
            inUse = version;
            table = read;
            rows = readRows;
            problem = null;
            if (changed) {
                LOG.info("mapping file {} changed: {} row(s), in use from now on", file.toAbsolutePath(), rows);
            }
            return;
        }
        Path shown = file.toAbsolutePath();
        problem = unreadable != null ? "cannot be read (" + unreadable + ")" : "is refused (" + problems.summary() + ")";
        if (table != null) {
            String previous = inUse.modified() == null ? "the mapping without the file stays in use"
                    : "the previous version (modified " + inUse.modified().toInstant().truncatedTo(ChronoUnit.SECONDS)
                    + ") stays in use";
            if (unreadable != null) {
                LOG.warn("mapping file {} {}; {}", shown, problem, previous);
            } else {
                LOG.warn("mapping file {}: the edit is refused ({}); {}", shown, problems.summary(), previous);
            }
        }
    }

    /** The exception in a few words; the file is named already, so a file system exception's own path is left out. */
    private static String failure(IOException e) {
        String detail = e instanceof NoSuchFileException ? "no such file"
                : e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        return e.getClass().getSimpleName() + (detail == null ? "" : ": " + detail);
    }
}
