package org.wfmagentsync.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.run.RunTracker;

/**
 * Validates the legacy feed row by row: good rows become {@link AgentState}s, bad rows are
 * dead-lettered with reason {@code INVALID_RECORD}. When one agent appears more than once, the row
 * with the newest {@code changedAt} wins (the later row on a tie).
 */
public class FeedReader {

    static final int MAX_FIELD_LENGTH = 200;

    private final DeadLetterRecorder deadLetters;
    private final RunTracker runs;

    public FeedReader(DeadLetterRecorder deadLetters, RunTracker runs) {
        this.deadLetters = deadLetters;
        this.runs = runs;
    }

    @Handler
    public List<AgentState> read(LegacyFeed feed, Exchange exchange) {
        if (feed == null || feed.agents() == null) {
            throw new IllegalArgumentException("legacy feed has no 'agents' list");
        }
        String runId = RunTracker.runId(exchange);
        Map<String, AgentState> newest = new LinkedHashMap<>();
        for (JsonNode row : feed.agents()) {
            Object parsed = parse(row);
            if (parsed instanceof RejectedRecord rejected) {
                deadLetters.invalidRecord(runId, rejected);
            } else {
                AgentState state = (AgentState) parsed;
                newest.merge(state.agentId(), state,
                        (held, next) -> next.changedAt().isBefore(held.changedAt()) ? held : next);
            }
        }
        runs.fetched(runId, feed.agents().size());
        return new ArrayList<>(newest.values());
    }

    /** Returns an {@link AgentState} or a {@link RejectedRecord}. */
    static Object parse(JsonNode row) {
        if (row == null || !row.isObject()) {
            return rejected(null, "agents[]", "is not a JSON object", row);
        }
        JsonNode idNode = row.get("agentId");
        String agentId = textOrNull(idNode);
        if (agentId == null) {
            return rejected(null, "agentId", "is missing or not a string", row);
        }
        String idProblem = checkText(agentId);
        if (idProblem != null) {
            return rejected(printable(agentId), "agentId", idProblem, row);
        }
        String state = textOrNull(row.get("state"));
        if (state == null) {
            return rejected(agentId, "state", "is missing or not a string", row);
        }
        String stateProblem = checkText(state);
        if (stateProblem != null) {
            return rejected(agentId, "state", stateProblem, row);
        }
        JsonNode reasonNode = row.get("reason");
        String reason = null;
        if (reasonNode != null && !reasonNode.isNull()) {
            reason = textOrNull(reasonNode);
            String reasonProblem = reason == null ? "is not a string" : checkText(reason);
            if (reasonProblem != null) {
                return rejected(agentId, "reason", reasonProblem, row);
            }
        }
        String changedAt = textOrNull(row.get("changedAt"));
        if (changedAt == null) {
            return rejected(agentId, "changedAt", "is missing or not a string", row);
        }
        try {
            return new AgentState(agentId, state, reason == null || reason.isEmpty() ? null : reason,
                    OffsetDateTime.parse(changedAt), row);
        } catch (DateTimeParseException e) {
            return rejected(agentId, "changedAt", "is not an ISO-8601 date-time with offset: '"
                    + printable(changedAt) + "'", row);
        }
    }

    /** A refused row, kept as the JSON it came as (written out only here, for the dead letter). */
    private static RejectedRecord rejected(String agentId, String field, String problem, JsonNode row) {
        return new RejectedRecord(agentId, field, problem, String.valueOf(row));
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String checkText(String value) {
        if (value.isBlank()) {
            return "is blank";
        }
        if (value.length() > MAX_FIELD_LENGTH) {
            return "is longer than " + MAX_FIELD_LENGTH + " characters";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "contains control characters";
        }
        return null;
    }

    private static String printable(String value) {
        String cut = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
