package org.wfmagentsync.legacy;

/** A legacy row that could not be used, with the agent id when it is known and why. */
public record RejectedRecord(String agentId, String field, String problem, String rawJson) {

    /** A message that names the agent, the field and the problem. */
    public String message() {
        String who = agentId == null ? "a record without a usable agentId" : "agent " + agentId;
        return who + ": field '" + field + "' " + problem;
    }
}
