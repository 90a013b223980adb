package org.wfmagentsync.mapping;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.wfmagentsync.support.ForeignText;

/**
 * Reads a mapping file's text into rows by column name, each with its line, checking the shape
 * on the way: a header naming each required column once and no unknown one, no row with more
 * values than columns, and the usual hand-edit slips said in the operator's words (a ';' or tab
 * where a ',' belongs, an unclosed quote).
 */
final class CsvRowReader {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#')
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(true).build();

    /** Where commons-csv says the trouble is: "(startline 5)" or "at line: 5". */
    private static final Pattern PARSER_LINE = Pattern.compile("(?:startline |at line: )(\\d+)");

    private final List<String> required;
    /** The header a file is shown to need: the required columns, then the optional ones. */
    private final List<String> columns;
    /** Every column a header may name: each required one followed by those that may stand in for it, then the optional ones. */
    private final List<String> known;
    private final Map<String, List<String>> alternatives;

    CsvRowReader(List<String> required, List<String> optional) {
        this(required, optional, Map.of());
    }

    CsvRowReader(List<String> required, List<String> optional, Map<String, List<String>> alternatives) {
        this.required = List.copyOf(required);
        this.columns = Stream.concat(required.stream(), optional.stream()).toList();
        this.alternatives = Map.copyOf(alternatives);
        this.known = Stream.concat(required.stream().flatMap(column -> Stream.concat(Stream.of(column),
                alternatives.getOrDefault(column, List.of()).stream())), optional.stream()).toList();
    }

    /** The data rows, each by column name, once the header and each row's shape pass; the problems otherwise. */
    List<CsvRow> rows(String text, FileProblems problems) {
        List<CsvRow> rows = new ArrayList<>();
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text; // the byte order mark some editors write
        try (CSVParser parser = FORMAT.parse(new StringReader(csv))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                problems.add(0, "it has no header row (expected: " + String.join(",", columns) + ")");
                return rows;
            }
            List<String> header = records.next().toList();
            if (!header(header, (int) parser.getCurrentLineNumber(), problems)) {
                return rows;
            }
            while (records.hasNext()) {
                List<String> values = records.next().toList();
                int line = (int) parser.getCurrentLineNumber();
                if (shaped(values, header, line, problems)) {
                    Map<String, String> byName = new HashMap<>();
                    // every column of the header, empty where the row stops early, so a row tells which columns the file has
                    for (int i = 0; i < header.size(); i++) {
                        byName.put(header.get(i), i < values.size() ? values.get(i) : "");
                    }
                    rows.add(new CsvRow(line, byName));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            notCsv(ForeignText.oneLine(cause.getMessage(), "", 200), problems);
        }
        return rows;
    }

    /** The parser's complaint in the operator's words, where it is one of the two a hand edit causes. */
    private static void notCsv(String complaint, FileProblems problems) {
        Matcher line = PARSER_LINE.matcher(complaint);
        int at = line.find() ? Integer.parseInt(line.group(1)) : 0;
        if (complaint.contains("EOF reached before encapsulated token finished")) {
            problems.add(at, "a quoted value is not closed (a '\"' is missing)");
        } else if (complaint.contains("Invalid char between encapsulated token and delimiter")) {
            problems.add(at, "text after a quoted value (write a '\"' inside quotes as '\"\"')");
        } else {
            problems.add(at, "it is not valid CSV: " + complaint);
        }
    }

    /** Whether the header names each required column once and no unknown one. */
    private boolean header(List<String> names, int line, FileProblems problems) {
        if (names.size() == 1 && separator(names.get(0)) != null) {
            // the file's own header with commas: the columns it names, whichever optional ones it has
            problems.add(line, "the header looks separated by " + separator(names.get(0)) + ": separate the columns"
                    + " with ',' as in " + names.get(0).replaceAll("\\s*[;\t]\\s*", ","));
            return false;
        }
        Set<String> named = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                problems.add(line, "column " + (i + 1) + " of the header has no name");
            } else if (!known.contains(name)) {
                problems.add(line, "unknown column " + FileProblems.quoted(name) + " (the columns are: "
                        + String.join(", ", known) + ")");
            } else if (!named.add(name)) {
                problems.add(line, "column '" + name + "' appears twice");
            }
        }
        for (String column : required) {
            List<String> standIns = alternatives.getOrDefault(column, List.of());
            if (!names.contains(column) && standIns.stream().noneMatch(names::contains)) {
                problems.add(line, "no '" + column + "' column" + (standIns.isEmpty() ? ""
                        : " (nor " + String.join(", ", standIns) + ", which may stand in for it)"));
            }
        }
        return !problems.any();
    }

    /** Whether a row has no more values than the header has columns (empty ones past the end aside). */
    private static boolean shaped(List<String> values, List<String> header, int line, FileProblems problems) {
        if (values.size() == 1 && header.size() > 1 && separator(values.get(0)) != null) {
            problems.add(line, FileProblems.quoted(values.get(0)) + " looks separated by " + separator(values.get(0))
                    + ": separate the values with ','");
            return false;
        }
        if (values.stream().skip(header.size()).anyMatch(value -> !value.isEmpty())) {
            problems.add(line, values.size() + " values but " + header.size() + " columns (quote a value that"
                    + " contains a comma)");
            return false;
        }
        return true;
    }

    /** The separator a line seems to use instead of a comma, if any. */
    private static String separator(String line) {
        return line.contains(";") ? "';'" : line.contains("\t") ? "tabs" : null;
    }
}
