package org.wfmagentsync.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.model.AgentState;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.EventIds;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.FailureRecord;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.support.OnePass;

/**
 * Maps legacy agents to Genesys users ({@code agents.csv}) and legacy states to a presence
 * definition, a routing status or both ({@code states.csv}): each agent becomes one event of each
 * kind its state maps to. An agent or state without a mapping is dead-lettered as {@code UNMAPPED}
 * and the rest of the batch goes on. Each file is checked as a whole when it is read
 * ({@link CsvTable}); a refused edit leaves the previous version in use.
 */
public class StatusMapper {

    private static final Logger LOG = LoggerFactory.getLogger(StatusMapper.class);

    private final CsvTable<Map<String, String>> agents;
    private final CsvTable<Map<String, StateMapping>> states;
    private final String sourceId;
    private final DeadLetterRecorder deadLetters;

    public StatusMapper(Path agentsFile, Path statesFile, String sourceId, DeadLetterRecorder deadLetters) {
        this.agents = new CsvTable<>(agentsFile, new AgentsFormat());
        this.states = new CsvTable<>(statesFile, new StatesFormat());
        this.sourceId = sourceId;
        this.deadLetters = deadLetters;
    }

    /**
     * Reads both mapping files now, at start-up, so that the first run does not wait for them; a
     * file that cannot be used is reported here and again by every run until it is fixed.
     */
    public void preload() {
        for (CsvTable<?> table : List.of(agents, states)) {
            try {
                table.current();
            } catch (MappingFileUnusable e) {
                LOG.warn("mapping files not usable at start-up, sync runs will fail until they are fixed: {}",
                        e.problem());
            }
        }
    }

    /** What each mapping file's last look found: the rows in use, and an edit refused (for the health check). */
    Map<String, CsvTable.Status> files() {
        Map<String, CsvTable.Status> files = new LinkedHashMap<>();
        files.put("agents", agents.status());
        files.put("states", states.status());
        return files;
    }

    /**
     * Maps each agent when the sequence reaches it, into an event of each kind its state maps to
     * (presence first); the tables are the ones current at the call.
     */
    @Handler
    public OnePass<StatusEvent> map(Iterable<AgentState> validated, @ExchangeProperty(RunEvents.RUN_ID) String runId) {
        Map<String, String> users = agents.current();
        Map<String, StateMapping> mappings = states.current();
        return OnePass.flat(validated, agent -> {
            String userId = users.get(agent.agentId());
            StateMapping mapping = lookup(mappings, agent);
            if (mapping == null) {
                // not an event of any kind yet; kept under the presence id, as before routing statuses
                deadLetters.record(unmapped(runId, agent, null, userId == null
                        ? "agent " + agent.agentId() + " has no Genesys user in " + agents.file()
                        : "agent " + agent.agentId() + ": state '" + agent.stateKey()
                                + "' has no presence definition or routing status in " + states.file()));
                return List.of();
            }
            List<StatusEvent> events = new ArrayList<>(2);
            for (EventKind kind : mapping.kinds()) {
                if (userId == null) {
                    // one entry per kind the state maps to, each closed when that kind is delivered
                    deadLetters.record(unmapped(runId, agent, kind, "agent " + agent.agentId() + " has no Genesys user in "
                            + agents.file()));
                } else {
                    events.add(event(kind, mapping, agent, userId));
                }
            }
            return events;
        });
    }

    private StatusEvent event(EventKind kind, StateMapping mapping, AgentState agent, String userId) {
        String eventId = EventIds.of(agent, kind);
        String changedAt = agent.changedAt().toString();
        return switch (kind) {
            case PRESENCE -> StatusEvent.presence(eventId, changedAt, userId, sourceId,
                    mapping.presence().presenceDefinitionId(), mapping.presence().message(), agent.agentId(),
                    agent.stateKey());
            case ROUTING_STATUS -> StatusEvent.routingStatus(eventId, changedAt, userId, sourceId,
                    mapping.routingStatus(), agent.agentId(), agent.stateKey());
        };
    }

    /**
     * The dead letter for an agent the mapping files do not cover ({@code UNMAPPED}): its event id is the
     * change's own of that kind, the presence one when it is not an event of any kind yet ({@code kind} null).
     */
    private static FailureRecord unmapped(String runId, AgentState agent, EventKind kind, String detail) {
        return FailureRecord.beforeSending(runId, DeadLetterReason.UNMAPPED, detail, kind,
                kind == null ? EventIds.of(agent) : EventIds.of(agent, kind), agent.agentId(), agent.rawJson(),
                agent.stateKey(), agent.changedAt());
    }

    /** An exact state and reason row wins; a row with an empty reason covers every reason of its state. */
    private static StateMapping lookup(Map<String, StateMapping> mappings, AgentState agent) {
        StateMapping exact = mappings.get(agent.stateKey());
        return exact != null ? exact : mappings.get(StatesFormat.anyReason(agent.state()));
    }
}
