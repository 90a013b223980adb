package org.wfmagentsync.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.model.AgentState;
import org.wfmagentsync.model.RunEvents;
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
 */
public class FeedReader {

    /** Every {@code changedAt} must be after this. */
    static final Instant EARLIEST = Instant.EPOCH;

    /** A valid row that a newer row of the same agent replaces. */
    private static final Object SUPERSEDED = new Object();

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

    public FeedReader(DeadLetterRecorder deadLetters, RunEvents runs, Clock clock, Duration futureTolerance) {
        this.deadLetters = deadLetters;
        this.runs = runs;
        this.clock = clock;
        this.futureTolerance = futureTolerance;
    }

    @Handler
    public OnePass<AgentState> read(LegacyFeed feed, @ExchangeProperty(RunEvents.RUN_ID) String runId) {
        OnePass<AgentState> rows = rows(feed, rejected -> deadLetters.record(rejected.asFailure(runId)));
        runs.fetched(runId, feed.agents().size());
        return rows;
    }

    /** Checks every row against this host's clock now, at once; records nothing. */
    public Validated validate(LegacyFeed feed) {
        List<RejectedRecord> rejected = new ArrayList<>();
        List<AgentState> newest = new ArrayList<>();
        rows(feed, rejected::add).forEach(newest::add);
        return new Validated(newest, rejected);
    }

    /**
     * The newest valid row per agent, in order of first valid appearance, each row checked when the
     * sequence reaches it; {@code refused} gets each bad row there. Only an agent that appears more
     * than once (by its {@code agentId} text, which is its id when valid) needs the whole feed to
     * find its newest row: those rows are checked up front, the rest one at a time.
     */
    OnePass<AgentState> rows(LegacyFeed feed, Consumer<RejectedRecord> refused) {
        if (feed == null) {
            throw new UnusableFeed("legacy feed is JSON null, not an object with an 'agents' list");
        }
        if (feed.agents() == null) {
            throw new UnusableFeed("legacy feed has no 'agents' list (the field is missing or null)");
        }
        Instant latest = clock.instant().plus(futureTolerance);
        List<JsonNode> rows = feed.agents();
        Map<Integer, Object> settled = settleRepeatedAgents(rows, latest);
        Iterable<Integer> positions = () -> IntStream.range(0, rows.size()).iterator();
        return OnePass.of(positions, index -> {
            Object outcome = settled.containsKey(index) ? settled.get(index) : parse(rows.get(index), index, latest);
            if (outcome instanceof RejectedRecord rejected) {
                refused.accept(rejected);
                return null;
            }
            return outcome instanceof AgentState state ? state : null;
        });
    }

    /**
     * The outcome of every row of an agent that appears more than once, by position: the winning
     * state at its agent's first valid row, a {@link RejectedRecord} at a bad row, {@link #SUPERSEDED}
     * at the other valid rows.
     */
    private static Map<Integer, Object> settleRepeatedAgents(List<JsonNode> rows, Instant latest) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (JsonNode row : rows) {
            String id = rawAgentId(row);
            if (id != null && !seen.add(id)) {
                repeated.add(id);
            }
        }
        Map<Integer, Object> settled = new HashMap<>();
        if (repeated.isEmpty()) {
            return settled;
        }
        Map<String, AgentState> newest = new HashMap<>();
        Map<String, Integer> firstValid = new HashMap<>();
        for (int index = 0; index < rows.size(); index++) {
            if (!repeated.contains(rawAgentId(rows.get(index)))) {
                continue;
            }
            Object parsed = parse(rows.get(index), index, latest);
            settled.put(index, parsed instanceof AgentState ? SUPERSEDED : parsed);
            if (parsed instanceof AgentState state) {
                firstValid.putIfAbsent(state.agentId(), index);
                newest.merge(state.agentId(), state,
                        (held, next) -> next.changedAt().isBefore(held.changedAt()) ? held : next);
            }
        }
        firstValid.forEach((agentId, index) -> settled.put(index, newest.get(agentId)));
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
            return OffsetDateTime.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
