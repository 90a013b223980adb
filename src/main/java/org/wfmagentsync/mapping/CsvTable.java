package org.wfmagentsync.mapping;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file that operations staff edit (header row, {@code #} comments), re-read whenever it
 * changes on disk so that edits take effect at the next run without a restart.
 */
final class CsvTable<T> {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(true).build();

    private final Path file;
    private final Function<List<CSVRecord>, T> parser;
    private FileTime loadedVersion;
    private T table;

    CsvTable(Path file, Function<List<CSVRecord>, T> parser) {
        this.file = file;
        this.parser = parser;
    }

    synchronized T current() {
        try {
            FileTime version = Files.getLastModifiedTime(file);
            if (table == null || !version.equals(loadedVersion)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    table = parser.apply(FORMAT.parse(in).getRecords());
                }
                loadedVersion = version;
            }
            return table;
        } catch (IOException | UncheckedIOException e) {
            Throwable io = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            throw new MappingFileUnusable("mapping file " + file.toAbsolutePath() + " cannot be read ("
                    + io.getClass().getSimpleName() + (io instanceof NoSuchFileException ? ": no such file"
                    : io.getMessage() == null ? "" : ": " + io.getMessage()) + "); nothing was sent", e);
        }
    }

    Path file() {
        return file;
    }

    static String column(CSVRecord record, String name, Path file) {
        if (!record.isMapped(name)) {
            throw new MappingFileUnusable("mapping file " + file + " has no '" + name + "' column; nothing was sent", null);
        }
        return record.isSet(name) ? record.get(name) : "";
    }
}
