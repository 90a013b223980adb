package org.wfmagentsync.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.FailureRecord;

/**
 * A legacy row that could not be used: the agent id when it is usable, the row's place in the feed,
 * the field and why, the row's {@code changedAt} when that could be read (so that a later delivered
 * state of the agent can close the entry as superseded, and a newer bad row stays open), and the row.
 */
public record RejectedRecord(String agentId, int index, String field, String problem, OffsetDateTime changedAt,
        String rawJson) {

    /** Longest raw row a dead letter keeps; a hostile feed must not fill the state database. */
    static final int MAX_RAW_KEPT = 10_000;

    /** A message that names the agent (or, without a usable agent id, the row), the field and the problem. */
    public String message() {
        String who = agentId == null ? "a record without a usable agentId (agents[" + index + "])" : "agent " + agentId;
        return who + ": " + (field == null ? "" : "field '" + field + "' ") + problem;
    }

    /** The dead letter for this row ({@code INVALID_RECORD}); its event id is derived from the row, so the same bad row keeps one entry. */
    public FailureRecord asFailure(String runId) {
        String eventId = UUID.nameUUIDFromBytes(rawJson.getBytes(StandardCharsets.UTF_8)).toString();
        // not an event of any kind: the row was refused before it was mapped
        return FailureRecord.beforeSending(runId, DeadLetterReason.INVALID_RECORD, message(), null, eventId, agentId,
                rawJson, null, changedAt);
    }

    /** The row as the JSON it came as, cut when it is huge (written out only for a refused row). */
    static String kept(JsonNode row) {
        String json = escapeLoneSurrogates(String.valueOf(row));
        return json.length() <= MAX_RAW_KEPT ? json
                : json.substring(0, MAX_RAW_KEPT) + "... (cut: " + json.length() + " characters in all, hash "
                        + Integer.toHexString(json.hashCode()) + ")";
    }

    /**
     * A lone surrogate (half of a surrogate pair, escaped in the feed) cannot be stored as UTF-8: the database
     * would keep a '?' instead. Outside strings JSON is ASCII, so it is written back as its escape.
     */
    private static String escapeLoneSurrogates(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1))
                    : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(json.charAt(i - 1));
            if (Character.isSurrogate(c) && !paired) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }
}
