package org.wfmagentsync.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.apache.commons.csv.CSVRecord;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.delta.EventIds;
import org.wfmagentsync.legacy.AgentState;
import org.wfmagentsync.run.RunTracker;

/**
 * Maps legacy agents to Genesys users ({@code agents.csv}) and legacy states to presence
 * definitions ({@code states.csv}); an agent or state without a mapping is dead-lettered as
 * {@code UNMAPPED} and the rest of the batch goes on.
 */
public class StatusMapper {

    /** A states.csv row: the presence definition to use and an optional status message. */
    record Presence(String presenceDefinitionId, String message) {
    }

    private final CsvTable<Map<String, String>> agents;
    private final CsvTable<Map<String, Presence>> states;
    private final String sourceId;
    private final DeadLetterRecorder deadLetters;

    public StatusMapper(Path agentsFile, Path statesFile, String sourceId, DeadLetterRecorder deadLetters) {
        this.agents = new CsvTable<>(agentsFile, rows -> agentTable(rows, agentsFile));
        this.states = new CsvTable<>(statesFile, rows -> stateTable(rows, statesFile));
        this.sourceId = sourceId;
        this.deadLetters = deadLetters;
    }

    @Handler
    public List<PresenceEvent> map(List<AgentState> batch, Exchange exchange) {
        String runId = RunTracker.runId(exchange);
        Map<String, String> users = agents.current();
        Map<String, Presence> presences = states.current();
        List<PresenceEvent> events = new ArrayList<>(batch.size());
        for (AgentState agent : batch) {
            String userId = users.get(agent.agentId());
            Presence presence = lookup(presences, agent);
            if (userId == null) {
                deadLetters.unmapped(runId, agent, "agent " + agent.agentId() + " has no Genesys user in " + agents.file());
            } else if (presence == null) {
                deadLetters.unmapped(runId, agent, "agent " + agent.agentId() + ": state '" + agent.stateKey()
                        + "' has no presence definition in " + states.file());
            } else {
                events.add(new PresenceEvent(EventIds.of(agent), agent.changedAt().toString(), userId, sourceId,
                        presence.presenceDefinitionId(), presence.message(), agent.agentId(), agent.stateKey()));
            }
        }
        return events;
    }

    /** An exact state and reason row wins; a row with an empty reason covers every reason of its state. */
    private static Presence lookup(Map<String, Presence> presences, AgentState agent) {
        Presence exact = presences.get(agent.stateKey());
        return exact != null ? exact : presences.get(agent.state() + "|*");
    }

    private static Map<String, String> agentTable(List<CSVRecord> rows, Path file) {
        Map<String, String> table = new HashMap<>();
        for (CSVRecord row : rows) {
            table.put(CsvTable.column(row, "legacyAgentId", file), CsvTable.column(row, "genesysUserId", file));
        }
        return table;
    }

    private static Map<String, Presence> stateTable(List<CSVRecord> rows, Path file) {
        Map<String, Presence> table = new HashMap<>();
        for (CSVRecord row : rows) {
            String state = CsvTable.column(row, "legacyState", file);
            String reason = CsvTable.column(row, "reason", file);
            String message = row.isMapped("message") ? CsvTable.column(row, "message", file) : "";
            table.put(reason.isEmpty() ? state + "|*" : state + "|" + reason,
                    new Presence(CsvTable.column(row, "presenceDefinitionId", file), message.isEmpty() ? null : message));
        }
        return table;
    }
}
