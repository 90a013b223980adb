package org.wfmagentsync.mapping;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.model.AgentState;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.EventIds;
import org.wfmagentsync.model.FailureRecord;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.support.OnePass;

/**
 * Maps legacy agents to Genesys users ({@code agents.csv}) and legacy states to presence
 * definitions ({@code states.csv}); an agent or state without a mapping is dead-lettered as
 * {@code UNMAPPED} and the rest of the batch goes on.
 */
public class StatusMapper {

    /** A states.csv row: the presence definition to use and an optional status message. */
    record Presence(String presenceDefinitionId, String message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(StatusMapper.class);

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

    /**
     * Reads both mapping files now, at start-up, so that the first run does not wait for them; a
     * file that cannot be used is reported here and again by every run until it is fixed.
     */
    public void preload() {
        try {
            agents.current();
            states.current();
        } catch (RuntimeException e) {
            LOG.warn("mapping files not usable at start-up, sync runs will fail until they are fixed: {}",
                    e.getMessage());
        }
    }

    /** Maps each agent when the sequence reaches it; the tables are the ones current at the call. */
    @Handler
    public OnePass<StatusEvent> map(Iterable<AgentState> validated, @ExchangeProperty(RunEvents.RUN_ID) String runId) {
        Map<String, String> users = agents.current();
        Map<String, Presence> presences = states.current();
        return OnePass.of(validated, agent -> {
            String userId = users.get(agent.agentId());
            Presence presence = lookup(presences, agent);
            if (userId == null) {
                deadLetters.record(unmapped(runId, agent, "agent " + agent.agentId() + " has no Genesys user in "
                        + agents.file()));
                return null;
            }
            if (presence == null) {
                deadLetters.record(unmapped(runId, agent, "agent " + agent.agentId() + ": state '" + agent.stateKey()
                        + "' has no presence definition in " + states.file()));
                return null;
            }
            return StatusEvent.presence(EventIds.of(agent), agent.changedAt().toString(), userId, sourceId,
                    presence.presenceDefinitionId(), presence.message(), agent.agentId(), agent.stateKey());
        });
    }

    /** The dead letter for an agent the mapping files do not cover ({@code UNMAPPED}): its event id is the change's own. */
    private static FailureRecord unmapped(String runId, AgentState agent, String detail) {
        return FailureRecord.beforeSending(runId, DeadLetterReason.UNMAPPED, detail, EventIds.of(agent), agent.agentId(),
                agent.rawJson(), agent.stateKey(), agent.changedAt());
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
