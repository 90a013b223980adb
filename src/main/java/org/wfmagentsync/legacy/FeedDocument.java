package org.wfmagentsync.legacy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.ObjIntConsumer;

/**
 * The legacy feed's document, read pass by pass with Jackson's streaming parser, one row in memory at
 * a time. The first pass reads the HTTP body as it arrives: it checks the syntax and the shape of the
 * whole document (an object whose {@code agents} is a list), hands each row to the caller, and copies
 * the bytes to a spool file, which later passes parse again. A body that is already a tree (a
 * {@code jq} step in the route file makes it one) is read from the tree instead, with the same checks.
 * Closing deletes the spool file.
 */
final class FeedDocument implements Closeable {

    /** One row of the {@code agents} list and its position there. */
    record Row(int index, JsonNode node) {
    }

    /** The body could not be kept in the spool file: a problem of this host (disk full, no such directory), not the legacy system's. */
    static final class SpoolFailure extends RuntimeException {
        SpoolFailure(Path where, IOException cause) {
            super("cannot keep the legacy feed's body in a file under " + where + " (java.io.tmpdir): "
                    + cause.getClass().getSimpleName() + " " + cause.getMessage(), cause);
        }
    }

    private static final String NOT_A_FEED = "legacy feed is JSON but not an object with an 'agents' list: ";

    private final ObjectMapper json;
    private final Path spool;
    private final JsonNode tree;
    private final int rows;

    private FeedDocument(ObjectMapper json, Path spool, JsonNode tree, int rows) {
        this.json = json;
        this.spool = spool;
        this.tree = tree;
        this.rows = rows;
    }

    /** The first pass over a body as it arrives, copied to a new file in {@code spoolDir}; each row to {@code eachRow}. */
    static FeedDocument spooled(InputStream body, ObjectMapper json, Path spoolDir, ObjIntConsumer<JsonNode> eachRow)
            throws IOException {
        Path file;
        OutputStream copy;
        try {
            file = Files.createTempFile(spoolDir, "wfm-legacy-feed-", ".json");
            copy = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            body.close();
            throw new SpoolFailure(spoolDir, e);
        }
        try {
            int rows;
            try (OutputStream spooled = new Spooling(copy, spoolDir);
                    JsonParser parser = json.getFactory().createParser(new Copying(body, spooled))) {
                rows = scan(parser, json, eachRow);
            }
            return new FeedDocument(json, file, null, rows);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The first pass over a body that is a tree already. */
    static FeedDocument ofTree(JsonNode tree, ObjectMapper json, ObjIntConsumer<JsonNode> eachRow) throws IOException {
        try (JsonParser parser = json.treeAsTokens(tree)) {
            return new FeedDocument(json, null, tree, scan(parser, json, eachRow));
        }
    }

    /** How many rows the {@code agents} list has. */
    int rowCount() {
        return rows;
    }

    /** The rows again, from the first, parsed as they are taken; the parser is closed at the end. */
    Iterator<Row> rows() {
        if (tree != null) {
            Iterator<JsonNode> nodes = tree.get("agents").elements();
            return new Iterator<>() {
                private int index;

                @Override
                public boolean hasNext() {
                    return nodes.hasNext();
                }

                @Override
                public Row next() {
                    return new Row(index++, nodes.next());
                }
            };
        }
        try {
            JsonParser parser = json.getFactory().createParser(spool.toFile());
            toAgents(parser);
            return new Parsed(parser, json);
        } catch (IOException e) {
            throw new UncheckedIOException("the legacy feed's spool file " + spool + " cannot be read again", e);
        }
    }

    @Override
    public void close() {
        if (spool != null) {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                throw new UncheckedIOException("the legacy feed's spool file " + spool + " cannot be deleted", e);
            }
        }
    }

    /** The spool file, while there is one (for tests). */
    Path spool() {
        return spool;
    }

    /**
     * Reads the document to its end (trailing content after it is ignored, as a whole-document read
     * ignores it) and gives the number of rows. A document that is not an object with an {@code agents}
     * list is refused here, before any row is used; so is one that is not JSON to its end.
     */
    private static int scan(JsonParser parser, ObjectMapper json, ObjIntConsumer<JsonNode> eachRow) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new FeedReader.UnusableFeed("legacy feed is empty: the body has no JSON");
        }
        if (first == JsonToken.VALUE_NULL) {
            throw new FeedReader.UnusableFeed("legacy feed is JSON null, not an object with an 'agents' list");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new FeedReader.UnusableFeed(NOT_A_FEED + "Cannot deserialize the feed from " + kind(parser));
        }
        int rows = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!"agents".equals(name) || value == JsonToken.VALUE_NULL) {
                parser.skipChildren();
                continue;
            }
            if (rows >= 0) {
                throw new FeedReader.UnusableFeed("legacy feed has 'agents' twice: which list is the feed is not clear");
            }
            if (value != JsonToken.START_ARRAY) {
                throw new FeedReader.UnusableFeed(NOT_A_FEED + "at 'agents': Cannot deserialize a list from " + kind(parser));
            }
            rows = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                eachRow.accept(json.readTree(parser), rows++);
            }
        }
        if (rows < 0) {
            throw new FeedReader.UnusableFeed("legacy feed has no 'agents' list (the field is missing or null)");
        }
        return rows;
    }

    /** What the current value is, read in full first, so that a value beyond the parser's limits says so. */
    private static String kind(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token.isScalarValue()) {
            parser.getText();
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.name();
        };
    }

    /** Moves a parser over a checked document to the first row of its {@code agents} list. */
    private static void toAgents(JsonParser parser) throws IOException {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.START_ARRAY && "agents".equals(name)) {
                return;
            }
            parser.skipChildren();
        }
        throw new IllegalStateException("the legacy feed's spool file has no 'agents' list");
    }

    /** The rows of a parser standing at the start of the {@code agents} list. */
    private static final class Parsed implements Iterator<Row> {
        private final JsonParser parser;
        private final ObjectMapper json;
        private Row next;
        private int index;
        private boolean ended;

        Parsed(JsonParser parser, ObjectMapper json) {
            this.parser = parser;
            this.json = json;
        }

        @Override
        public boolean hasNext() {
            if (next != null || ended) {
                return next != null;
            }
            try {
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    ended = true;
                    parser.close();
                    return false;
                }
                next = new Row(index++, json.readTree(parser));
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("the legacy feed's spool file cannot be read again", e);
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }
    }

    /** The spool file's stream, whose failures say they are this host's. */
    private static final class Spooling extends java.io.FilterOutputStream {
        private final Path where;

        Spooling(OutputStream file, Path where) {
            super(file);
            this.where = where;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            try {
                out.write(buffer, offset, length);
            } catch (IOException e) {
                throw new SpoolFailure(where, e);
            }
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new SpoolFailure(where, e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new SpoolFailure(where, e);
            }
        }
    }

    /** The body as the parser reads it, each byte also written to the spool file. */
    private static final class Copying extends FilterInputStream {
        private final OutputStream copy;

        Copying(InputStream body, OutputStream copy) {
            super(body);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }
    }
}
