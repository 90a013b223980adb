package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.legacy.FeedReader;
import org.wfmagentsync.legacy.LegacyFeed;
import org.wfmagentsync.legacy.RejectedRecord;
import org.wfmagentsync.mapping.StatusMapper;
import org.wfmagentsync.model.AgentState;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.run.RunTracker;
import org.wfmagentsync.sandbox.GenesysCounters;
import org.wfmagentsync.sandbox.SandboxUsers;

/**
 * Hundreds of seeded, mutated legacy feeds (fields dropped, wrong types, control and invisible
 * characters, huge strings, garbage and future dates, duplicate rows, unknown fields, broken or
 * reshaped documents). Every feed goes through the connector's own reader and mapper beans (real
 * H2 dead-letter store); every {@value #CONNECTOR_EVERY}th, and the first few unusable documents,
 * also through the whole connector against the sandbox. For each: no crash, the run ends
 * with a summary (FAILED only for a document that cannot be used), every valid row's newest state is
 * delivered, every bad row is dead-lettered for a stated reason, and no invalid event is sent.
 * Reproduce a failure with {@code -Dfuzz.seed=<seed>} (the seed is in the failure message).
 */
class FeedFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_125L);
    private static final int FEEDS = 300;
    private static final int CONNECTOR_EVERY = 15;
    /** Every so many feeds, the bad rows are also written to the dead-letter store directly. */
    private static final int STORE_EVERY = 4;
    private static final int AGENTS = 30;
    private static final Map<String, String> PRESENCE = StateTable.load(Path.of("config/states.csv"));
    private static final String[][] STATES = {{"READY", null}, {"ON_CALL", null}, {"AFTER_CALL_WORK", null},
        {"NOT_READY", null}, {"NOT_READY", "BREAK"}, {"NOT_READY", "LUNCH"}, {"NOT_READY", "TRAINING"},
        {"NOT_READY", "MEETING"}, {"LOGGED_OUT", null}};
    private static final String[] ODD_CHARACTERS = {"\u0000", "\n", "\r", "\t", "\u001b", "\u007f", "\u0085",
        "\u200b", "\u202e", "\ufeff", "\u2028", "\ud800", "\uffff"};
    private static final String[] BAD_DATES = {"yesterday", "2026-11-24T14:59:00", "2026-13-40T99:99:99Z", "1732550000",
        "2026-11-24 14:59:00Z", "", " ", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
        "2026-11-24T14:59:60Z", "2026-11-24T14:59:00+25:00"};
    private static final String[] REQUIRED = {"agentId", "state", "changedAt"};

    /** Non-ASCII escaped, so a lone surrogate reaches the connector as the JSON escape it is meant to be. */
    private static final ObjectMapper WRITER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final ObjectMapper READER = new ObjectMapper();

    /** One generated row: its JSON, and what the connector must make of it. */
    private record Row(JsonNode json, String agentId, String state, String reason, Instant changedAt, String badField,
            boolean valid) {
    }

    /** One generated feed: the body served, its rows, and whether the document as a whole can be used. */
    private record Feed(String body, List<Row> rows, boolean usable) {
    }

    @Test
    void generated_malformed_feeds_never_crash_never_lose_a_valid_row_and_never_send_an_invalid_event() {
        Random random = new Random(SEED);
        Instant origin = Instant.now().minus(1, ChronoUnit.HOURS);
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(AGENTS), Map.of())) {
            FeedReader reader = bean(harness, "feedReader", FeedReader.class);
            StatusMapper mapper = bean(harness, "statusMapper", StatusMapper.class);
            DeadLetterRecorder recorder = bean(harness, "deadLetterRecorder", DeadLetterRecorder.class);
            String sourceId = harness.property("genesys.presence-source-id");
            int throughConnector = 0;
            int unusable = 0;
            for (int n = 0; n < FEEDS; n++) {
                // Each feed's times are later than the previous feed's, so a delivered state is never stale.
                Feed feed = generate(random, origin.plusSeconds(5L * n));
                boolean connector = n % CONNECTOR_EVERY == 0 || (!feed.usable() && unusable < 4);
                try {
                    FeedReader.Validated validated = checkReader(reader, feed);
                    if (validated != null) {
                        checkEvents(mapper, recorder, harness, validated, sourceId, n);
                    } else {
                        unusable++;
                    }
                    if (connector) {
                        throughConnector++;
                        checkConnector(harness, feed, validated);
                    }
                } catch (AssertionError | RuntimeException e) {
                    String body = feed.body().length() > 2000 ? feed.body().substring(0, 2000) + "..." : feed.body();
                    throw new AssertionError("fuzz seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + "), feed " + n
                            + (connector ? " (through the connector)" : "") + ": " + e + "\nbody: " + body, e);
                }
            }
            assertTrue(throughConnector >= 20, "enough feeds through the whole connector: " + throughConnector);
            assertTrue(unusable >= 10 && unusable < FEEDS / 4, "some, not most, documents unusable: " + unusable);
        }
    }

    /** The connector's reader on the feed, checked against what the generator knows; null for an unusable document. */
    private static FeedReader.Validated checkReader(FeedReader reader, Feed feed) {
        LegacyFeed parsed;
        try {
            parsed = READER.readValue(feed.body(), LegacyFeed.class);
        } catch (JsonProcessingException e) {
            assertTrue(!feed.usable(), "a usable document did not parse: " + e.getOriginalMessage());
            RuntimeException streamedToo = assertThrows(RuntimeException.class, () -> streamed(reader, feed),
                    "streamed, it is refused too");
            assertTrue(streamedToo instanceof FeedReader.UnusableFeed
                    || streamedToo.getCause() instanceof JsonProcessingException, streamedToo.toString());
            return null;
        }
        FeedReader.Validated validated;
        try {
            validated = reader.validate(parsed);
        } catch (FeedReader.UnusableFeed e) {
            assertTrue(!feed.usable(), "a usable document was refused: " + e.getMessage());
            FeedReader.UnusableFeed streamedToo = assertThrows(FeedReader.UnusableFeed.class, () -> streamed(reader, feed),
                    "streamed, it is refused too");
            assertEquals(e.getMessage(), streamedToo.getMessage());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FeedReader.Validated streamed = streamed(reader, feed);
        assertEquals(summary(validated), summary(streamed), "the streaming reader gives what the whole document gives");
        assertTrue(feed.usable(), "an unusable document was read");
        List<Row> rows = feed.rows();
        List<RejectedRecord> rejected = validated.rejected();
        assertEquals(rows.stream().filter(row -> !row.valid()).count(), rejected.size(), "rows refused");
        for (RejectedRecord refused : rejected) {
            Row row = rows.get(refused.index());
            assertTrue(!row.valid(), "a valid row was refused: " + refused.message());
            assertEquals(row.badField(), refused.field(), refused.message());
            if (row.agentId() != null && !"agentId".equals(row.badField())) {
                assertEquals(row.agentId(), refused.agentId(), refused.message());
            }
            String message = refused.message();
            assertTrue(message.startsWith(refused.agentId() == null ? "a record without a usable agentId (agents["
                    + refused.index() + "])" : "agent " + refused.agentId() + ": "), message);
            assertTrue(refused.field() == null || message.contains("field '" + refused.field() + "' "), message);
            assertTrue(message.length() < 600, "a bounded message: " + message.length());
            assertTrue(message.codePoints().allMatch(FeedFuzzTest::printable), "printable: " + message);
        }
        Map<String, Row> newest = newestValid(rows);
        assertEquals(newest.size(), validated.newest().size(), "one state per agent with a valid row");
        for (AgentState state : validated.newest()) {
            Row expected = newest.get(state.agentId());
            assertNotNull(expected, "a state for an agent without a valid row: " + state.agentId());
            assertEquals(expected.state(), state.state(), state.agentId());
            assertEquals(expected.reason(), state.reason(), state.agentId());
            assertEquals(expected.changedAt(), state.changedAt().toInstant(), state.agentId());
        }
        return validated;
    }

    /** The reader on the body as a run gets it over HTTP, parsed as a stream. */
    private static FeedReader.Validated streamed(FeedReader reader, Feed feed) {
        try {
            return reader.validate(new ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a validation came to, row by row, as comparable text. */
    private static List<String> summary(FeedReader.Validated validated) {
        List<String> lines = new ArrayList<>();
        validated.newest().forEach(state -> lines.add(state.agentId() + " " + state.stateKey() + " " + state.changedAt()
                + " " + state.rawJson()));
        validated.rejected().forEach(refused -> lines.add(refused.index() + " " + refused.message() + " "
                + refused.rawJson()));
        return lines;
    }

    /** The connector's mapper on the valid states: every event is one Genesys Cloud would take; bad rows persist. */
    private static void checkEvents(StatusMapper mapper, DeadLetterRecorder recorder, ConnectorHarness harness,
            FeedReader.Validated validated, String sourceId, int n) {
        List<StatusEvent> events = new ArrayList<>();
        mapper.map(validated.newest(), "fuzz-" + SEED + "-" + n).forEach(events::add);
        assertEquals(validated.newest().size(), events.size(), "every valid state is mapped");
        Instant latest = Instant.now().plus(5, ChronoUnit.MINUTES);
        for (StatusEvent event : events) {
            assertEquals(event.eventId(), UUID.fromString(event.eventId()).toString());
            Instant at = OffsetDateTime.parse(event.eventDateTime()).toInstant();
            assertTrue(at.isAfter(Instant.EPOCH) && !at.isAfter(latest), event.eventDateTime());
            assertEquals(SandboxUsers.userIdOf(event.agentId()), event.userId());
            assertEquals(sourceId, event.sourceId());
            String[] key = event.stateKey().split("\\|", -1);
            assertEquals(StateTable.presenceOf(PRESENCE, key[0], key.length > 1 ? key[1] : null),
                    event.status());
            assertTrue(event.message() == null || event.message().codePoints().allMatch(FeedFuzzTest::printable));
        }
        if (n % STORE_EVERY == 0) {
            // the bad rows' way into the state database, whatever they hold (huge, odd characters, odd dates)
            validated.rejected().forEach(refused -> recorder.record(refused.asFailure("fuzz-" + SEED + "-" + n)));
        }
    }

    /** The whole connector on the feed, against the sandbox. */
    private static void checkConnector(ConnectorHarness harness, Feed feed, FeedReader.Validated validated) {
        harness.sandbox.legacy().setRawBody(feed.body());
        RunSummary run = harness.runOnce();
        assertNotNull(run, "every run ends with a summary");
        if (validated == null) {
            assertEquals(RunSummary.Outcome.FAILED, run.outcome(), run.toLogLine());
            assertNotNull(run.error());
            assertTrue(run.error().length() < 500 && !run.error().contains("\n"), run.error());
            assertEquals(0, run.requests());
            return;
        }
        assertNotEquals(RunSummary.Outcome.FAILED, run.outcome(), run.toLogLine());
        assertEquals(feed.rows().size(), run.fetched());
        for (Row row : newestValid(feed.rows()).values()) {
            String held = harness.sandbox.genesys().presenceOf(SandboxUsers.userIdOf(row.agentId()))
                    .map(presence -> presence.presenceDefinitionId()).orElse(null);
            assertEquals(StateTable.presenceOf(PRESENCE, row.state(), row.reason()), held,
                    "agent " + row.agentId() + "'s newest valid state reached Genesys Cloud");
        }
        List<DeadLetter> letters = harness.deadLetterStore().listAll(100_000).stream()
                .filter(letter -> letter.runId().equals(run.runId())).toList();
        assertTrue(letters.stream().allMatch(letter -> letter.reason() == DeadLetterReason.INVALID_RECORD),
                "only bad rows are dead-lettered");
        for (RejectedRecord refused : validated.rejected()) {
            assertTrue(letters.stream().anyMatch(letter -> letter.eventJson().equals(refused.rawJson())
                    && validated.rejected().stream().anyMatch(same -> same.rawJson().equals(refused.rawJson())
                            && same.message().equals(letter.detail()))),
                    "kept with its reason: " + refused.message());
        }
        GenesysCounters counters = harness.sandbox.genesys().counters();
        assertEquals(0, counters.perEventRejections(), "no invalid event was sent");
        assertEquals(0, counters.status(400), "no invalid request was sent");
        assertEquals(0, counters.duplicateEvents(), "no event was applied twice");
    }

    /** The generator's own rule: per agent, the valid row with the newest changedAt; the later row on a tie. */
    private static Map<String, Row> newestValid(List<Row> rows) {
        Map<String, Row> newest = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.valid()) {
                newest.merge(row.agentId(), row, (held, next) -> next.changedAt().isBefore(held.changedAt()) ? held : next);
            }
        }
        return newest;
    }

    private static Feed generate(Random random, Instant start) {
        List<Row> rows = new ArrayList<>();
        int count = random.nextInt(26);
        for (int i = 0; i < count; i++) {
            Row row = validRow(random, start);
            if (random.nextInt(10) < 4) {
                row = spoil(random, row);
            } else if (random.nextInt(4) == 0) {
                row = withUnknownFields(random, row);
            }
            rows.add(row);
        }
        ArrayNode agents = JsonNodeFactory.instance.arrayNode();
        rows.forEach(row -> agents.add(row.json()));
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        switch (random.nextInt(4)) {
            case 0 -> document.put("asOf", start.toString());
            case 1 -> document.set("asOf", randomValue(random, 1)); // informational only: any value is fine
            default -> { }
        }
        if (random.nextInt(5) == 0) {
            document.set("unknown", randomValue(random, 2));
        }
        document.set("agents", agents);
        String body = write(document, random.nextBoolean());
        switch (random.nextInt(40)) {
            case 0 -> {
                return new Feed(body.substring(0, random.nextInt(body.length() - 1)), rows, false);
            }
            case 1 -> {
                return new Feed(write(agents, false), rows, false);
            }
            case 2 -> {
                document.remove("agents");
                document.set(random.nextBoolean() ? "Agents" : "data", agents);
                return new Feed(write(document, false), rows, false);
            }
            case 3 -> {
                document.set("agents", random.nextBoolean() ? JsonNodeFactory.instance.objectNode().set("rows", agents)
                        : JsonNodeFactory.instance.textNode(agents.toString()));
                return new Feed(write(document, false), rows, false);
            }
            case 4 -> {
                return new Feed(random.nextBoolean() ? "" : "<html>" + body + "</html>", rows, false);
            }
            default -> {
                return new Feed(body, rows, true);
            }
        }
    }

    private static Row validRow(Random random, Instant start) {
        String agentId = String.format("A%04d", 1 + random.nextInt(AGENTS));
        String[] state = STATES[random.nextInt(STATES.length)];
        Instant changedAt = start.plusMillis(random.nextInt(5000));
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("agentId", agentId);
        json.put("state", state[0]);
        if (state[1] != null || random.nextBoolean()) {
            json.put("reason", state[1]);
        }
        json.put("changedAt", writeTime(random, changedAt));
        return new Row(json, agentId, state[0], state[1], changedAt, null, true);
    }

    /** The same instant written in one of the ways ISO-8601 with an offset allows. */
    private static String writeTime(Random random, Instant at) {
        ZoneOffset offset = random.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHoursMinutes(random.nextInt(27) - 13,
                0);
        return switch (random.nextInt(3)) {
            case 0 -> at.atOffset(offset).toString();
            case 1 -> at.atOffset(offset).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            default -> at.toString();
        };
    }

    /** One thing wrong with the row, and which field the connector must name. */
    private static Row spoil(Random random, Row row) {
        ObjectNode json = ((ObjectNode) row.json()).deepCopy();
        if (random.nextInt(12) == 0) {
            JsonNode notAnObject = switch (random.nextInt(4)) {
                case 0 -> JsonNodeFactory.instance.nullNode();
                case 1 -> JsonNodeFactory.instance.textNode(json.toString());
                case 2 -> JsonNodeFactory.instance.numberNode(random.nextLong());
                default -> JsonNodeFactory.instance.arrayNode().add(json);
            };
            return new Row(notAnObject, null, null, null, null, null, false);
        }
        String field = random.nextInt(6) == 0 ? "reason" : REQUIRED[random.nextInt(REQUIRED.length)];
        String text = json.path(field).asText("READY");
        switch (random.nextInt(field.equals("changedAt") ? 8 : 7)) {
            case 0 -> {
                if (field.equals("reason")) {
                    json.put(field, "");
                } else {
                    json.remove(field);
                }
            }
            case 1 -> json.set(field, random.nextBoolean() ? JsonNodeFactory.instance.numberNode(random.nextInt(99_999))
                    : JsonNodeFactory.instance.booleanNode(random.nextBoolean()));
            case 2 -> json.set(field, random.nextBoolean() ? JsonNodeFactory.instance.arrayNode().add(text)
                    : JsonNodeFactory.instance.objectNode().put("value", text));
            case 3 -> json.put(field, random.nextBoolean() ? "" : " ".repeat(1 + random.nextInt(3)));
            case 4 -> json.put(field, text + "x".repeat(201 + random.nextInt(random.nextInt(20) == 0 ? 200_000 : 3000)));
            case 5 -> {
                int at = random.nextInt(text.length() + 1);
                json.put(field, text.substring(0, at) + ODD_CHARACTERS[random.nextInt(ODD_CHARACTERS.length)]
                        + text.substring(at));
            }
            case 6 -> {
                if (field.equals("agentId") || field.equals("changedAt")) {
                    json.putNull(field);
                } else {
                    json.put(field, text + "|" + text);
                }
            }
            default -> json.put(field, random.nextBoolean() ? BAD_DATES[random.nextInt(BAD_DATES.length)]
                    : Instant.now().plus(6 + random.nextInt(10_000_000), ChronoUnit.MINUTES).toString());
        }
        return new Row(json, field.equals("agentId") ? null : row.agentId(), row.state(), row.reason(), row.changedAt(),
                field, false);
    }

    private static Row withUnknownFields(Random random, Row row) {
        ObjectNode json = ((ObjectNode) row.json()).deepCopy();
        json.set("x" + random.nextInt(1000), randomValue(random, 3));
        json.set("note", JsonNodeFactory.instance.textNode(ODD_CHARACTERS[random.nextInt(ODD_CHARACTERS.length)]));
        return new Row(json, row.agentId(), row.state(), row.reason(), row.changedAt(), null, true);
    }

    private static JsonNode randomValue(Random random, int depth) {
        return switch (depth == 0 ? random.nextInt(3) : random.nextInt(5)) {
            case 0 -> JsonNodeFactory.instance.numberNode(random.nextDouble());
            case 1 -> JsonNodeFactory.instance.textNode("\u0000" + random.nextInt());
            case 2 -> JsonNodeFactory.instance.nullNode();
            case 3 -> JsonNodeFactory.instance.arrayNode().add(randomValue(random, depth - 1));
            default -> JsonNodeFactory.instance.objectNode().set("k", randomValue(random, depth - 1));
        };
    }

    private static String write(JsonNode node, boolean pretty) {
        try {
            return pretty ? WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(node) : WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return fail(e);
        }
    }

    private static boolean printable(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static <T> T bean(ConnectorHarness harness, String name, Class<T> type) {
        return harness.context().getRegistry().lookupByNameAndType(name, type);
    }
}
