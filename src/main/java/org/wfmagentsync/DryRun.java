package org.wfmagentsync;

import static org.wfmagentsync.config.ConnectorConfig.GENESYS_CLIENT_ID;
import static org.wfmagentsync.config.ConnectorConfig.LEGACY_AGENTS_URL;
import static org.wfmagentsync.config.ConnectorConfig.MAPPING_AGENTS_FILE;
import static org.wfmagentsync.config.ConnectorConfig.MAPPING_STATES_FILE;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Registry;
import org.wfmagentsync.config.ConfigReader;
import org.wfmagentsync.delta.ChangeDetector;
import org.wfmagentsync.directory.Directory;
import org.wfmagentsync.directory.OrgDirectory;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.mapping.MappingFileUnusable;
import org.wfmagentsync.mapping.StatusMapper;
import org.wfmagentsync.model.AgentState;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.FailureRecord;
import org.wfmagentsync.model.RunEvents;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.push.TokenCache;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.support.Credentials;
import org.wfmagentsync.support.ForeignText;
import org.wfmagentsync.target.PresenceSource;

/**
 * The connector started as a dry run, for {@code check} and {@code mapping export}: the same
 * configuration, checks, target, beans and route files as a start, without the schedule, the
 * management server (a running connector may hold its port) or the REST API. It then does what a
 * run does up to the push, through the stages' public API (the legacy feed's route, the mapper, the
 * delta), and sends nothing: the stages' dead letters and counts go to {@link DryRunFindings}, a
 * presence source given by name is looked up and not created, and the state database is only read.
 */
final class DryRun implements AutoCloseable {

    /** Added to the operator's settings: nothing runs by itself, nothing listens. */
    static final Map<String, String> SETTINGS = Map.of("wfm.schedule.enabled", "false",
            "wfm.schedule.run-at-startup", "false", "camel.management.enabled", "false",
            "camel.component.quartz.auto-start-scheduler", "false");

    /** The run id the stages are given (their dead letters carry it, and are never stored). */
    private static final String RUN = "dry-run";

    /** What one kind of event would do in the next run. */
    static final class KindCounts {
        long send;
        long unchanged;
        long waiting;
    }

    /**
     * What the dry run found: where it looked ({@code context}: label and value), per kind of event
     * what a run would send, the updates it would dead-letter, the first events, and each problem
     * that keeps a run from delivering everything mappable.
     */
    record Check(Map<String, String> context, Map<EventKind, KindCounts> kinds, List<FailureRecord> unresolved,
            List<FailureRecord> invalid, List<StatusEvent> first, long toSend, List<String> problems, EventJson json) {

        boolean passed() {
            return problems.isEmpty();
        }
    }

    /** The mapping as a run resolves it: each agent of the feed with its Genesys user, in feed order. */
    record Mapping(Map<String, String> users, List<FailureRecord> unresolved, List<String> problems) {
    }

    private final ConnectorMain main;
    private final DryRunFindings findings;
    private final CamelContext context;
    private final ConfigReader config;

    private DryRun(ConnectorMain main, DryRunFindings findings) {
        this.main = main;
        this.findings = findings;
        this.context = main.getCamelContext();
        this.config = ConfigReader.of(context);
    }

    /** Starts the connector as a dry run; a configuration a start would refuse is refused here the same way. */
    static DryRun start(Map<String, String> environment, Properties overrides) {
        DryRunFindings findings = new DryRunFindings();
        ConnectorMain main = WfmAgentSync.dryRun(environment, overrides, findings);
        main.start();
        return new DryRun(main, findings);
    }

    /** The check: token, presence source, legacy feed, mapping and delta, as the next run would meet them. */
    Check check(int firstEvents) {
        Map<String, String> where = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        where.put("settings", main.settings().name());
        where.put("target", main.target());
        boolean login = login(where, problems);
        if (login) {
            PresenceSource.Preview source = bean("presenceSource", PresenceSource.class).preview();
            where.put("source", "presence source " + source.summary());
            if (source.problem() != null) {
                problems.add(source.problem());
            }
        } else {
            where.put("source", "not looked up without a token");
        }
        Map<EventKind, KindCounts> kinds = new EnumMap<>(EventKind.class);
        List<StatusEvent> first = new ArrayList<>();
        long toSend = 0;
        Iterable<AgentState> feed = feed(where, problems);
        if (feed != null) {
            where.put("mapping", config.get(MAPPING_AGENTS_FILE) + ", " + config.get(MAPPING_STATES_FILE));
            Map<String, EventKind> mapped = new HashMap<>();
            Set<String> changed = new HashSet<>();
            try {
                Iterable<StatusEvent> events = bean("statusMapper", StatusMapper.class).map(feed, RUN);
                for (StatusEvent event : bean("changeDetector", ChangeDetector.class).changed(noted(events, mapped), RUN)) {
                    kinds.computeIfAbsent(event.kind(), kind -> new KindCounts()).send++;
                    changed.add(event.eventId());
                    toSend++;
                    if (first.size() < firstEvents) {
                        first.add(event);
                    }
                }
                notSent(mapped, changed, kinds, problems);
            } catch (RuntimeException unusable) {
                problems.add(explain(unusable));
            }
            where.put("org", directory());
        }
        String state = Credentials.maskUrl(config.get(org.wfmagentsync.config.ConnectorConfig.DB_URL));
        where.put("state", findings.stateUnreadable() == null ? state
                : state + ": cannot be read (" + findings.stateUnreadable() + "), so the counts below compare with"
                        + " nothing delivered");
        List<FailureRecord> unresolved = new ArrayList<>();
        List<FailureRecord> invalid = new ArrayList<>();
        for (FailureRecord failure : findings.failures()) {
            (failure.reason() == DeadLetterReason.INVALID_RECORD ? invalid : unresolved).add(failure);
        }
        return new Check(where, kinds, unresolved, invalid, first, toSend, problems,
                new EventJson(bean("wfmJson", ObjectMapper.class)));
    }

    /** The feed's agents as the mapping resolves them, without the delta: every agent, changed or not. */
    Mapping mapping() {
        Map<String, String> where = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> users = new LinkedHashMap<>();
        Iterable<AgentState> feed = feed(where, problems);
        if (feed != null) {
            try {
                for (StatusEvent event : bean("statusMapper", StatusMapper.class).map(feed, RUN)) {
                    users.putIfAbsent(event.agentId(), event.userId());
                }
            } catch (RuntimeException unusable) {
                problems.add(explain(unusable));
            }
        }
        List<FailureRecord> unresolved = findings.failures().stream()
                .filter(failure -> failure.reason() == DeadLetterReason.UNMAPPED).toList();
        return new Mapping(users, unresolved, problems);
    }

    @Override
    public void close() {
        main.stop();
    }

    /** What the mapping looked up in the org's directory, and when that was read. */
    private String directory() {
        OrgDirectory.Status status = bean("orgDirectory", OrgDirectory.class).status();
        if (!status.inUse()) {
            return "the directory is not used: the mapping names users and presences by id";
        }
        Directory read = status.directory();
        List<String> parts = new ArrayList<>();
        if (status.usersNeeded()) {
            parts.add(read.usersRefreshedAt().map(at -> read.userCount() + " users read at " + at.truncatedTo(ChronoUnit.SECONDS))
                    .orElse("users not read (" + read.usersUnread() + ")"));
        }
        if (status.presencesNeeded()) {
            parts.add(read.presencesRefreshedAt().map(at -> read.presenceCount() + " presence definitions read at "
                    + at.truncatedTo(ChronoUnit.SECONDS))
                    .orElse("presence definitions not read (" + read.presencesUnread() + ")"));
        }
        return "the directory: " + String.join(", ", parts);
    }

    private boolean login(Map<String, String> where, List<String> problems) {
        try {
            bean("tokenCache", TokenCache.class).authorization();
            where.put("login", "a token for client id " + config.get(GENESYS_CLIENT_ID));
            return true;
        } catch (RuntimeException refused) {
            String why = ForeignText.oneLine(String.valueOf(refused.getMessage()), "", 400);
            where.put("login", "no token: " + why);
            problems.add("no access token from the login host: " + why);
            return false;
        }
    }

    /** The legacy feed through its route (so an adapted feed is read as a run reads it), validated row by row. */
    @SuppressWarnings("unchecked")
    private Iterable<AgentState> feed(Map<String, String> where, List<String> problems) {
        String url = Credentials.maskUrl(config.get(LEGACY_AGENTS_URL));
        Exchange pulled = context.createProducerTemplate().request("direct:pull-agents",
                exchange -> exchange.setProperty(RunEvents.RUN_ID, RUN));
        if (pulled.getException() != null) {
            String why = explain(pulled.getException());
            where.put("legacy", url + ": cannot be read");
            problems.add("the legacy feed cannot be read: " + why);
            return null;
        }
        where.put("legacy", url + ": " + findings.fetched() + " rows");
        return pulled.getMessage().getBody(Iterable.class);
    }

    /** Events as the mapper yields them, each noted with its kind as the delta takes it. */
    private static Iterable<StatusEvent> noted(Iterable<StatusEvent> events, Map<String, EventKind> mapped) {
        return () -> new Iterator<>() {
            private final Iterator<StatusEvent> from = events.iterator();

            @Override
            public boolean hasNext() {
                return from.hasNext();
            }

            @Override
            public StatusEvent next() {
                StatusEvent event = from.next();
                mapped.put(event.eventId(), event.kind());
                return event;
            }
        };
    }

    /**
     * What was mapped and is not sent: unchanged since the last delivery, or waiting in the dead
     * letters for a replay (a run does not send those again; that keeps it from delivering them).
     */
    private void notSent(Map<String, EventKind> mapped, Set<String> changed, Map<EventKind, KindCounts> kinds,
            List<String> problems) {
        List<DeadLetterReason> fromPush = Arrays.stream(DeadLetterReason.values()).filter(DeadLetterReason::fromPush).toList();
        Set<String> parked = new HashSet<>(bean("deadLetterStore", DeadLetterStore.class).openEventIds(fromPush));
        long waiting = 0;
        for (Map.Entry<String, EventKind> event : mapped.entrySet()) {
            if (changed.contains(event.getKey())) {
                continue;
            }
            KindCounts counts = kinds.computeIfAbsent(event.getValue(), kind -> new KindCounts());
            if (parked.contains(event.getKey())) {
                counts.waiting++;
                waiting++;
            } else {
                counts.unchanged++;
            }
        }
        if (waiting > 0) {
            problems.add(waiting + " change" + (waiting == 1 ? "" : "s") + " wait in the dead letters, which a run does not"
                    + " send again: see them with `deadletters list`, send them with `deadletters replay`");
        }
    }

    /** Why a stage stopped, in the words a run's summary uses. */
    private String explain(Throwable failure) {
        return MappingFileUnusable.explain(failure)
                .or(() -> SyncBeans.legacyCallFailures(config).explain(failure))
                .orElseGet(() -> ForeignText.oneLine(WfmAgentSync.rootMessage(failure), "", 400));
    }

    private <T> T bean(String name, Class<T> type) {
        Registry registry = context.getRegistry();
        T bean = registry.lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("the dry run has no bean " + name);
        }
        return bean;
    }
}
