package org.wfmagentsync.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.model.AgentState;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.Timestamps;
import org.wfmagentsync.support.OnePass;

/**
 * Validates the legacy feed row by row: good rows become {@link AgentState}s, each bad row is
 * dead-lettered on its own as {@code INVALID_RECORD} and the rest of the feed goes on.
 *
 * <p>A row must be a JSON object; {@code agentId}, {@code state} and {@code changedAt} are required
 * strings, {@code reason} an optional string or null; unknown fields are ignored. Texts are checked
 * by {@link RowFields}. The first broken rule, in that field order, is the one reported.
 *
 * <p>{@code changedAt} is ISO-8601 with an offset, after 1970-01-01T00:00:00Z (the epoch and earlier
 * are placeholders of broken exports, not state changes), and no later than this host's clock plus
 * {@code legacy.future-tolerance-ms} of clock skew. A row stamped further ahead is refused rather than
 * sent, because presence is newest-wins (here among duplicate rows, and on the target by
 * {@code eventDateTime}, as the sandbox models it): an event dated tomorrow would count as the agent's
 * newest state until tomorrow and hide every real change made before then. Such a row stays open in
 * the dead-letter store (no delivered state is newer) until an operator looks at it.
 *
 * <p>Duplicate agent rows: the valid row with the newest {@code changedAt} wins, compared as instants
 * (the offset does not matter); on an exact tie the row later in the feed wins. The outcome depends on
 * the feed alone, never on timing. Only valid rows compete: a bad row of the same agent is
 * dead-lettered whatever its time and never hides a valid one.
 *
 * <p>The run gets the rows as a {@link OnePass}: each is checked, and a bad one dead-lettered, when
 * the push reaches it, so the first requests go out while the rest of the feed is still checked.
 *
 * <p>The document is never held whole ({@link FeedDocument}): the body is parsed as a stream and
 * spooled to a file while it is checked, keeping a 64-bit hash per agent id ({@link AgentIdHashes});
 * the rows are then parsed again from the file as the run takes them. What stays in memory per agent
 * is that hash during the first pass, and one state per agent whose id appears more than once.
 */
public class FeedReader {

    /** Every {@code changedAt} must be after this. */
    static final Instant EARLIEST = Instant.EPOCH;

    /** Reads the feed's rows; each row is a small tree, never the whole document. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The validated feed: the newest valid row per agent (agents in order of first appearance), and every refused row. */
    public record Validated(List<AgentState> newest, List<RejectedRecord> rejected) {
    }

    /** The document as a whole cannot be used: the run ends FAILED with this message, nothing is sent. */
    public static class UnusableFeed extends RuntimeException {
        UnusableFeed(String message) {
            super(message);
        }
    }

    private final DeadLetterRecorder deadLetters;
    private final RunEvents runs;
    private final Clock clock;
    private final Duration futureTolerance;
    private final Path spoolDir;
    /** The last body spooled; a new one deletes its file if the run did not take its rows to the end. */
    private final AtomicReference<FeedDocument> lastSpooled = new AtomicReference<>();

    public FeedReader(DeadLetterRecorder deadLetters, RunEvents runs, Clock clock, Duration futureTolerance) {
        this(deadLetters, runs, clock, futureTolerance, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Where the feed's body is spooled while a run reads it; the directory of {@code java.io.tmpdir}. */
    FeedReader(DeadLetterRecorder deadLetters, RunEvents runs, Clock clock, Duration futureTolerance, Path spoolDir) {
        this.deadLetters = deadLetters;
        this.runs = runs;
        this.clock = clock;
        this.futureTolerance = futureTolerance;
        this.spoolDir = spoolDir;
    }

    /**
     * The run's rows from the body: the HTTP body as a stream (spooled while it is checked), or a tree
     * when a step before this one made the body one ({@code jq}, or an {@code unmarshal} to
     * {@link LegacyFeed} as earlier route files had it).
     */
    @Handler
    public OnePass<AgentState> read(Exchange exchange, @ExchangeProperty(RunEvents.RUN_ID) String runId)
            throws IOException {
        Object body = exchange.getMessage().getBody();
        InputStream stream = body instanceof LegacyFeed || body instanceof JsonNode ? null
                : exchange.getMessage().getBody(InputStream.class);
        // the stream is read once, here: a failure must not leave it as the body for a later step to read again
        exchange.getMessage().setBody(null);
        Opened opened = body instanceof LegacyFeed feed ? opened(feed)
                : body instanceof JsonNode tree ? opened(tree)
                : spooled(stream);
        OnePass<AgentState> rows = rows(opened, rejected -> deadLetters.record(rejected.asFailure(runId)));
        runs.fetched(runId, opened.document().rowCount());
        return rows;
    }

    /** Checks every row of a parsed feed against this host's clock now, at once; records nothing. */
    public Validated validate(LegacyFeed feed) throws IOException {
        List<RejectedRecord> rejected = new ArrayList<>();
        return collected(rows(opened(feed), rejected::add), rejected);
    }

    /** The same for a body as it comes over HTTP, read as a stream. */
    public Validated validate(InputStream body) throws IOException {
        List<RejectedRecord> rejected = new ArrayList<>();
        return collected(rows(spooled(body), rejected::add), rejected);
    }

    private static Validated collected(OnePass<AgentState> rows, List<RejectedRecord> rejected) {
        List<AgentState> newest = new ArrayList<>();
        rows.forEach(newest::add);
        return new Validated(newest, rejected);
    }

    /** The rows of a parsed feed, as {@link #rows(InputStream, Consumer)} gives them of a stream. */
    OnePass<AgentState> rows(LegacyFeed feed, Consumer<RejectedRecord> refused) throws IOException {
        return rows(opened(feed), refused);
    }

    /**
     * The newest valid row per agent, in order of first valid appearance, each row checked when the
     * sequence reaches it; {@code refused} gets each bad row there. The whole body is read first (a
     * document that is not JSON to its end, or not the feed's shape, is refused before any row is
     * used), keeping only a hash of each agent id. Only an agent whose id appears more than once needs
     * the whole feed to find its newest row: a second pass over the spooled body settles those, holding
     * one state per such agent; the rows then come one at a time from a last pass.
     */
    OnePass<AgentState> rows(InputStream body, Consumer<RejectedRecord> refused) throws IOException {
        return rows(spooled(body), refused);
    }

    /** A document after its first pass, and the hashes of the agent ids it holds. */
    private record Opened(FeedDocument document, AgentIdHashes ids) {
    }

    private Opened spooled(InputStream body) throws IOException {
        if (body == null) {
            throw new UnusableFeed("legacy feed is empty: the body has no JSON");
        }
        AgentIdHashes ids = new AgentIdHashes();
        FeedDocument document = FeedDocument.spooled(body, JSON, spoolDir, (row, index) -> note(ids, row));
        FeedDocument earlier = lastSpooled.getAndSet(document);
        if (earlier != null) {
            // a run that ended before its rows were all taken (a failure, a stop) left its spool file
            earlier.close();
        }
        return new Opened(document, ids);
    }

    private Opened opened(JsonNode tree) throws IOException {
        AgentIdHashes ids = new AgentIdHashes();
        return new Opened(FeedDocument.ofTree(tree, JSON, (row, index) -> note(ids, row)), ids);
    }

    private Opened opened(LegacyFeed feed) throws IOException {
        if (feed == null) {
            throw new UnusableFeed("legacy feed is JSON null, not an object with an 'agents' list");
        }
        if (feed.agents() == null) {
            throw new UnusableFeed("legacy feed has no 'agents' list (the field is missing or null)");
        }
        ObjectNode tree = JSON.createObjectNode();
        tree.putArray("agents").addAll(feed.agents().stream().map(row -> row == null ? NullNode.getInstance() : row)
                .toList());
        return opened(tree);
    }

    private static void note(AgentIdHashes ids, JsonNode row) {
        String id = rawAgentId(row);
        if (id != null) {
            ids.add(id);
        }
    }

    private OnePass<AgentState> rows(Opened opened, Consumer<RejectedRecord> refused) {
        Instant latest = clock.instant().plus(futureTolerance);
        AgentIdHashes ids = opened.ids();
        ids.forgetSeen();
        Map<String, Settled> settled = ids.anyRepeated() ? settleRepeatedAgents(opened.document(), ids, latest)
                : Map.of();
        FeedDocument document = opened.document();
        Iterable<FeedDocument.Row> rows = document::rows;
        return OnePass.of(rows, row -> {
            Object outcome = parse(row.node(), row.index(), latest);
            if (outcome instanceof RejectedRecord rejected) {
                refused.accept(rejected);
                return null;
            }
            AgentState state = (AgentState) outcome;
            Settled repeated = ids.maybeRepeated(state.agentId()) ? settled.get(state.agentId()) : null;
            if (repeated == null) {
                return state;
            }
            // the agent's newest valid row, at its first valid one; its other valid rows are replaced
            return repeated.firstValid() == row.index() ? repeated.newest() : null;
        }, taken -> document.close());
    }

    /** What the rows of an agent whose id may appear more than once come to: its newest valid row, and where its first valid row is. */
    private record Settled(int firstValid, AgentState newest) {
    }

    /**
     * A pass over the document that parses only the rows whose agent id's hash was seen more than once;
     * their bad rows are not reported here but when the last pass reaches them. Newest {@code changedAt}
     * wins, compared as instants; on a tie the later row.
     */
    private static Map<String, Settled> settleRepeatedAgents(FeedDocument document, AgentIdHashes ids, Instant latest) {
        Map<String, Settled> settled = new HashMap<>();
        for (Iterator<FeedDocument.Row> rows = document.rows(); rows.hasNext(); ) {
            FeedDocument.Row row = rows.next();
            String id = rawAgentId(row.node());
            if (id == null || !ids.maybeRepeated(id)) {
                continue;
            }
            if (parse(row.node(), row.index(), latest) instanceof AgentState state) {
                settled.merge(state.agentId(), new Settled(row.index(), state), (held, next) ->
                        next.newest().changedAt().isBefore(held.newest().changedAt()) ? held
                                : new Settled(held.firstValid(), next.newest()));
            }
        }
        return settled;
    }

    /** The row's {@code agentId} text as it stands, or null when it has none. */
    private static String rawAgentId(JsonNode row) {
        JsonNode id = row == null ? null : row.get("agentId");
        return id != null && id.isTextual() ? id.textValue() : null;
    }

    /** Returns an {@link AgentState} or a {@link RejectedRecord}. */
    static Object parse(JsonNode row, int index, Instant latest) {
        if (row == null) {
            row = NullNode.getInstance();
        }
        if (!row.isObject()) {
            return new RejectedRecord(null, index, null, "the row is " + RowFields.kind(row) + ", not a JSON object",
                    null, RejectedRecord.kept(row));
        }
        OffsetDateTime when = dateOrNull(row.get("changedAt"));
        RowFields.Text agentId = RowFields.required(row, "agentId");
        if (agentId.problem() != null) {
            boolean quotable = agentId.value() != null && !agentId.value().isBlank();
            return new RejectedRecord(null, index, "agentId", agentId.problem()
                    + (quotable ? ": '" + RowFields.printable(agentId.value()) + "'" : ""), when, RejectedRecord.kept(row));
        }
        String id = agentId.value();
        RowFields.Text state = RowFields.required(row, "state");
        if (state.problem() != null) {
            return rejected(id, index, "state", state.problem(), when, row);
        }
        RowFields.Text reason = RowFields.optional(row, "reason");
        if (reason.problem() != null) {
            return rejected(id, index, "reason", reason.problem(), when, row);
        }
        RowFields.Text changedAt = RowFields.required(row, "changedAt");
        if (changedAt.value() == null) {
            return rejected(id, index, "changedAt", changedAt.problem(), null, row);
        }
        if (when == null) {
            return rejected(id, index, "changedAt", "is not an ISO-8601 date-time with offset: '"
                    + RowFields.printable(changedAt.value()) + "'", null, row);
        }
        if (!when.toInstant().isAfter(EARLIEST)) {
            return rejected(id, index, "changedAt", "is " + when + ", not after " + EARLIEST
                    + " (a placeholder, not a state change)", when, row);
        }
        if (when.toInstant().isAfter(latest)) {
            return rejected(id, index, "changedAt", "is " + when + ", in the future beyond the clock-skew tolerance"
                    + " (legacy.future-tolerance-ms); sent, it would hide every real change until then", when, row);
        }
        return new AgentState(id, state.value(), reason.value(), when, row);
    }

    private static RejectedRecord rejected(String agentId, int index, String field, String problem,
            OffsetDateTime when, JsonNode row) {
        return new RejectedRecord(agentId, index, field, problem, when, RejectedRecord.kept(row));
    }

    private static OffsetDateTime dateOrNull(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return Timestamps.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
