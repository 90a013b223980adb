package org.wfmagentsync.mapping;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
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
 * {@code UNMAPPED} and the rest of the batch goes on. Each file is checked as a whole when it is
 * read ({@link CsvTable}); a refused edit leaves the previous version in use.
 */
public class StatusMapper {

    private static final Logger LOG = LoggerFactory.getLogger(StatusMapper.class);

    private final CsvTable<Map<String, String>> agents;
    private final CsvTable<Map<String, Presence>> states;
    private final Supplier<String> sourceId;
    private final DeadLetterRecorder deadLetters;

    public StatusMapper(Path agentsFile, Path statesFile, String sourceId, DeadLetterRecorder deadLetters) {
        this(agentsFile, statesFile, () -> sourceId, deadLetters);
    }

    /**
     * {@code sourceId} is asked once per run, when the run starts mapping: a presence source given by
     * name is known only once Genesys Cloud has answered, and a run that cannot have it stops there.
     */
    public StatusMapper(Path agentsFile, Path statesFile, Supplier<String> sourceId, DeadLetterRecorder deadLetters) {
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

    /** Maps each agent when the sequence reaches it; the tables are the ones current at the call. */
    @Handler
    public OnePass<StatusEvent> map(Iterable<AgentState> validated, @ExchangeProperty(RunEvents.RUN_ID) String runId) {
        Map<String, String> users = agents.current();
        Map<String, Presence> presences = states.current();
        String source = sourceId.get();
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
            return StatusEvent.presence(EventIds.of(agent), agent.changedAt().toString(), userId, source,
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
        return exact != null ? exact : presences.get(StatesFormat.anyReason(agent.state()));
    }
}
