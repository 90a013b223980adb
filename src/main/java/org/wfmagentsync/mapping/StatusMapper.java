package org.wfmagentsync.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.deadletter.DeadLetterRecorder;
import org.wfmagentsync.directory.OrgDirectory;
import org.wfmagentsync.directory.UserKey;
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
 * ({@link CsvTable}); a refused edit leaves the previous version in use. A user named by email,
 * username or employee id, or a presence by system presence or label, is looked up in the org's
 * directory ({@link OrgLookups}); with {@code wfm.mapping.legacy-id-is} the legacy id itself names the
 * user of an agent agents.csv does not list, and agents.csv may be left out.
 */
public class StatusMapper {

    private static final Logger LOG = LoggerFactory.getLogger(StatusMapper.class);

    /** The setting that makes the legacy id name the user, as messages name it. */
    public static final String LEGACY_ID_SETTING = "wfm.mapping.legacy-id-is";

    private final CsvTable<Map<String, UserRef>> agents;
    private final CsvTable<Map<String, StateMapping>> states;
    private final Supplier<String> sourceId;
    private final DeadLetterRecorder deadLetters;
    private final OrgDirectory directory;
    /** What the legacy id is when agents.csv does not list the agent; null: nothing (the agent is unmapped). */
    private final UserKey legacyIdIs;

    /**
     * {@code legacyIdIs}: {@code none}, or the agents.csv column the legacy id stands for
     * ({@code genesysUserId}, {@code email}, {@code username}, {@code employeeId}); with one, agents.csv
     * may be left out. {@code sourceId} is asked once per run, when the run starts mapping: a presence
     * source given by name is known only once Genesys Cloud has answered, and a run that cannot have
     * it stops there.
     */
    public StatusMapper(Path agentsFile, Path statesFile, Supplier<String> sourceId, DeadLetterRecorder deadLetters,
            OrgDirectory directory, String legacyIdIs) {
        this.legacyIdIs = AgentsFormat.USER_COLUMNS.get(legacyIdIs);
        this.agents = new CsvTable<>(agentsFile, new AgentsFormat(), this.legacyIdIs == null ? null : Map.of());
        this.states = new CsvTable<>(statesFile, new StatesFormat());
        this.sourceId = sourceId;
        this.deadLetters = deadLetters;
        this.directory = directory;
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
        directory.startUp(usersViaDirectory(), presencesViaDirectory());
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
        Map<String, UserRef> users = agents.current();
        Map<String, StateMapping> mappings = states.current();
        String source = sourceId.get();
        OrgLookups org = new OrgLookups(directory.forRun(usersViaDirectory(users), presencesViaDirectory(mappings)),
                agents.file(), states.file(), LEGACY_ID_SETTING + "=" + legacyIdIs(legacyIdIs));
        return OnePass.flat(validated, agent -> {
            UserRef user = users.getOrDefault(agent.agentId(), legacyIdIs == null ? null
                    : new UserRef(legacyIdIs, agent.agentId(), 0));
            String userProblem = user == null ? "agent " + agent.agentId() + " has no Genesys user in " + agents.file() : null;
            OrgLookups.Resolved userId = user == null ? null : org.user(agent, user);
            if (userId != null && userId.problem() != null) {
                userProblem = userId.problem();
            }
            StateMapping mapping = lookup(mappings, agent);
            if (mapping == null) {
                // not an event of any kind yet; kept under the presence id, as before routing statuses
                deadLetters.record(unmapped(runId, agent, null, userProblem != null ? userProblem
                        : "agent " + agent.agentId() + ": state '" + agent.stateKey()
                                + "' has no presence definition or routing status in " + states.file()));
                return List.of();
            }
            List<StatusEvent> events = new ArrayList<>(2);
            for (EventKind kind : mapping.kinds()) {
                if (userProblem != null) {
                    // one entry per kind the state maps to, each closed when that kind is delivered
                    deadLetters.record(unmapped(runId, agent, kind, userProblem));
                    continue;
                }
                String eventId = EventIds.of(agent, kind);
                String changedAt = agent.changedAt().toString();
                if (kind == EventKind.ROUTING_STATUS) {
                    events.add(StatusEvent.routingStatus(eventId, changedAt, userId.id(), source, mapping.routingStatus(),
                            agent.agentId(), agent.stateKey()));
                    continue;
                }
                OrgLookups.Resolved presenceId = org.presence(agent, mapping.presence().presence());
                if (presenceId.problem() != null) {
                    deadLetters.record(unmapped(runId, agent, kind, presenceId.problem()));
                } else {
                    events.add(StatusEvent.presence(eventId, changedAt, userId.id(), source, presenceId.id(),
                            mapping.presence().message(), agent.agentId(), agent.stateKey()));
                }
            }
            return events;
        });
    }

    /** Whether the mapping in use names any user by email, username or employee id. */
    private boolean usersViaDirectory() {
        try {
            return usersViaDirectory(agents.current());
        } catch (MappingFileUnusable e) {
            return OrgLookups.viaDirectory(legacyIdIs);
        }
    }

    private boolean usersViaDirectory(Map<String, UserRef> users) {
        return OrgLookups.viaDirectory(legacyIdIs) || users.values().stream().anyMatch(user -> user.key().viaDirectory());
    }

    /** Whether the mapping in use names any presence by system presence or label. */
    private boolean presencesViaDirectory() {
        try {
            return presencesViaDirectory(states.current());
        } catch (MappingFileUnusable e) {
            return false;
        }
    }

    private static boolean presencesViaDirectory(Map<String, StateMapping> mappings) {
        return mappings.values().stream().anyMatch(mapping -> mapping.presence() != null
                && mapping.presence().presence().key().viaDirectory());
    }

    private static String legacyIdIs(UserKey key) {
        return key == null ? "none" : AgentsFormat.USER_COLUMNS.entrySet().stream()
                .filter(column -> column.getValue() == key).map(Map.Entry::getKey).findFirst().orElse("none");
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
