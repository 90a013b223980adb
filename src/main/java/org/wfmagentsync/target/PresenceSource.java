package org.wfmagentsync.target;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.target.PresenceSourceApi.Answer;
import org.wfmagentsync.target.PresenceSourceApi.Source;

/**
 * The org's external presence source, which every event names: given by id
 * ({@code genesys.presence-source-id}), it is checked at start-up; given by name
 * ({@code genesys.presence-source-name}), it is found among the org's sources, or created. An answer
 * that settles it (the source is not there, is deactivated, the role lacks a permission, the org has
 * its one external source already) fails the start, saying what to do. No answer at start-up (login
 * host or API unreachable, a 5xx) does not: a source given by id is then used unchecked, one given by
 * name is looked for again by each run before it sends anything.
 */
public class PresenceSource {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceSource.class);

    static final String VIEW = "presence:source:view";
    static final String ADD = "presence:source:add";
    /** What a source the connector creates says about itself in Genesys Cloud. */
    static final String DESCRIPTION = "Agent status from the legacy contact-center system, pushed by wfm-agent-sync";
    /** What events name, in a dry run, for a source a start would create. */
    public static final String TO_BE_CREATED = "(created at the first start)";

    /** The source as it was settled: its id and name, and how ("checked", "found by name", "created"). */
    record Settled(String id, String name, String how) {
    }

    /** An answer that settles it the wrong way: the start fails with this message, which says what to do. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** A source given by name that no answer has settled yet: a run stops before it sends anything. */
    public static class NotYetFound extends RuntimeException {
        NotYetFound(String message) {
            super(message);
        }
    }

    /** What a dry run learnt, creating nothing: what events name, and a problem a start would have, if any. */
    public record Preview(String id, String summary, String problem) {
    }

    private final String configuredId;
    private final String configuredName;
    private final PresenceSourceApi api;
    private final boolean createsNothing;
    private Settled settled;
    private String unsettled = "not looked up yet";

    /**
     * One of {@code id} and {@code name} is set (the other empty), as {@link TargetResolver} requires.
     *
     * @param createsNothing for a dry run: a source given by name that is not there is not created,
     *                       and events name {@link #TO_BE_CREATED}
     */
    public PresenceSource(String id, String name, boolean createsNothing, ProducerTemplate template, ObjectMapper json) {
        this.configuredId = id.trim();
        this.configuredName = name.trim();
        this.createsNothing = createsNothing;
        this.api = new PresenceSourceApi(template, json);
    }

    /**
     * At start-up: checks the source given by id, or finds or creates the one given by name.
     *
     * @throws Refused when Genesys Cloud's answer settles that the connector cannot use it
     */
    public synchronized void checkAtStartup() {
        try {
            settled = byId() ? check(configuredId) : findOrCreate(configuredName);
            LOG.info("presence source '{}' ({}) {}", settled.name(), settled.id(), settled.how());
        } catch (PresenceSourceApi.NoAnswer noAnswer) {
            unsettled = noAnswer.getMessage();
            if (byId()) {
                LOG.warn("presence source {} is not checked: {}; events name it unchecked", configuredId, unsettled);
            } else {
                LOG.warn("presence source '{}' is not found or created yet: {}; each run looks for it again before it"
                        + " sends anything", configuredName, unsettled);
            }
        }
    }

    /**
     * The id events name: the one configured, checked or not, or the one found or created for the
     * configured name, looked for now when start-up could not.
     *
     * @throws NotYetFound when a name cannot be looked up now (the run fails, nothing is sent)
     */
    public synchronized String id() {
        if (settled != null) {
            return settled.id();
        }
        if (byId()) {
            return configuredId;
        }
        if (createsNothing) {
            return TO_BE_CREATED;
        }
        try {
            settled = findOrCreate(configuredName);
            LOG.info("presence source '{}' ({}) {}", settled.name(), settled.id(), settled.how());
            return settled.id();
        } catch (PresenceSourceApi.NoAnswer | Refused failure) {
            unsettled = failure.getMessage();
            throw new NotYetFound("presence source '" + configuredName + "' is not found or created yet: " + unsettled);
        }
    }

    /** For the start-up summary: the source, and whether it was checked. */
    public synchronized String describe() {
        if (settled != null) {
            return "'" + settled.name() + "' " + settled.id() + " (" + settled.how() + ")";
        }
        return byId() ? configuredId + " (not checked: " + unsettled + ")"
                : "'" + configuredName + "' (not found yet: " + unsettled + ")";
    }

    /**
     * For a dry run: what a start would find, creating nothing. A source given by name that is not
     * there is a problem only when the org already has an active external source, since a start could
     * not create a second one.
     */
    public synchronized Preview preview() {
        try {
            if (byId()) {
                settled = check(configuredId);
                return new Preview(settled.id(), "'" + settled.name() + "' (" + settled.id() + "): exists and is active",
                        null);
            }
            Answer listing = list();
            Optional<Source> found = named(configuredName, listing);
            if (found.isPresent()) {
                settled = new Settled(found.get().id(), found.get().name(), "found by name");
                return new Preview(settled.id(), found.get().named() + ": found by name", null);
            }
            List<Source> external = external(listing);
            if (!external.isEmpty()) {
                return new Preview(TO_BE_CREATED, "'" + configuredName + "' does not exist, and the org has its one external"
                        + " source already", "presence source '" + configuredName + "' does not exist, and a start cannot"
                        + " create it: " + oneSourcePerOrg(external));
            }
            return new Preview(TO_BE_CREATED, "'" + configuredName + "' does not exist yet: a start creates it (POST "
                    + PresenceSourceApi.PATH + ", permission " + ADD + ")", null);
        } catch (Refused refused) {
            return new Preview(byId() ? configuredId : TO_BE_CREATED, refused.getMessage(), refused.getMessage());
        } catch (PresenceSourceApi.NoAnswer noAnswer) {
            String problem = "the presence source could not be looked up: " + noAnswer.getMessage();
            return new Preview(byId() ? configuredId : TO_BE_CREATED, problem, problem);
        }
    }

    /** Why a run stopped, when it was for want of the presence source: nothing was sent. */
    public static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotYetFound notYet) {
                return Optional.of(notYet.getMessage() + "; nothing was sent, so nothing is lost: the next run looks again");
            }
        }
        return Optional.empty();
    }

    private boolean byId() {
        return !configuredId.isEmpty();
    }

    private Settled check(String id) {
        Answer answer = api.get(id);
        String call = "GET " + PresenceSourceApi.PATH + "/" + id;
        if (answer.ok()) {
            Source source = answer.source();
            if (source.deactivated()) {
                throw new Refused("presence source " + source.named() + " is deactivated, so Genesys Cloud refuses events"
                        + " that name it: reactivate it in Genesys Cloud, or set GENESYS_PRESENCE_SOURCE_ID to the org's"
                        + " active source" + others());
            }
            return new Settled(source.id(), source.name(), "checked: it exists and is active");
        }
        if (answer.status() == 403) {
            throw new Refused(lacks(VIEW, call, answer));
        }
        if (answer.status() == 404 || answer.status() == 400) {
            throw new Refused("GENESYS_PRESENCE_SOURCE_ID " + id + " is not a presence source of this org (" + call
                    + " answered " + answer.error() + ")" + others());
        }
        throw new PresenceSourceApi.NoAnswer(call + " answered " + answer.error());
    }

    private Settled findOrCreate(String name) {
        Answer listing = list();
        Optional<Source> found = named(name, listing);
        if (found.isPresent()) {
            return new Settled(found.get().id(), found.get().name(), "found by name");
        }
        Answer created = api.create(name, DESCRIPTION);
        String call = "POST " + PresenceSourceApi.PATH;
        if (created.ok()) {
            return new Settled(created.source().id(), created.source().name(), "created");
        }
        if (created.status() == 403) {
            throw new Refused(lacks(ADD, call, created) + "; or create the source in Genesys Cloud and set"
                    + " GENESYS_PRESENCE_SOURCE_NAME to its name");
        }
        if (created.status() == 409) {
            throw new Refused("Genesys Cloud refused to create presence source '" + name + "' (" + call + " answered "
                    + created.error() + "): " + oneSourcePerOrg(external(listing)));
        }
        if (created.status() / 100 == 4) {
            throw new Refused("Genesys Cloud refused to create presence source '" + name + "' (" + call + " answered "
                    + created.error() + ")");
        }
        throw new PresenceSourceApi.NoAnswer(call + " answered " + created.error());
    }

    private Answer list() {
        Answer listing = api.list();
        String call = "GET " + PresenceSourceApi.PATH;
        if (listing.status() == 403) {
            throw new Refused(lacks(VIEW, call, listing));
        }
        if (!listing.ok()) {
            throw new PresenceSourceApi.NoAnswer(call + " answered " + listing.error());
        }
        return listing;
    }

    /** The active source of that name; names compare as people read them, without case or surrounding spaces. */
    private static Optional<Source> named(String name, Answer listing) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return PresenceSourceApi.sources(listing).stream()
                .filter(source -> !source.deactivated() && source.name().trim().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /** The org's active sources that count against its one external source (Genesys Cloud's own, type System, do not). */
    private static List<Source> external(Answer listing) {
        return PresenceSourceApi.sources(listing).stream()
                .filter(source -> !source.deactivated() && !"System".equalsIgnoreCase(String.valueOf(source.type())))
                .toList();
    }

    private static String oneSourcePerOrg(List<Source> external) {
        if (external.isEmpty()) {
            return "an org has one external presence source, and Genesys Cloud counts one already; set"
                    + " GENESYS_PRESENCE_SOURCE_ID to it";
        }
        Source first = external.get(0);
        return "an org has one external presence source, and this one has "
                + external.stream().map(Source::named).collect(Collectors.joining(", "))
                + ": use it (GENESYS_PRESENCE_SOURCE_NAME=" + first.name() + ", or GENESYS_PRESENCE_SOURCE_ID="
                + first.id() + "), or deactivate it in Genesys Cloud first if nothing else sends presence through it";
    }

    /** The org's active sources, as a hint after a source that is not there; nothing when they cannot be read. */
    private String others() {
        try {
            List<Source> active = external(list());
            return active.isEmpty() ? "; the org has no active external presence source: set GENESYS_PRESENCE_SOURCE_NAME"
                    + " instead, and the connector creates one"
                    : "; the org's active presence sources: " + active.stream().map(Source::named)
                            .collect(Collectors.joining(", "));
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static String lacks(String permission, String call, Answer answer) {
        return "the OAuth client's role lacks the permission " + permission + " (" + call + " answered " + answer.error()
                + "): add it to the OAuth client's role in Genesys Cloud";
    }
}
