package org.wfmagentsync.model;

/**
 * What the stages tell run reporting while a run goes on. The stages know only this interface;
 * run reporting implements it and turns the counts into the run's summary. What is about events
 * says their kind, so the summary gives each kind's figures.
 */
public interface RunEvents {

    /** The exchange property that carries the run id through a run's routes. */
    String RUN_ID = "wfmRunId";

    /** How many rows the legacy feed had. */
    void fetched(String runId, long count);

    /** How many changes of this kind the run had to deliver (known once the whole feed has been worked through). */
    void changed(String runId, EventKind kind, long count);

    /** Events of this kind sent for the first time. */
    void sent(String runId, EventKind kind, long count);

    /** A request of this kind (each carries one kind) answered with this HTTP status. */
    void request(String runId, EventKind kind, int status);

    /** A retry of events of this kind: a redelivery of a batch, or a request of a later round. */
    void retry(String runId, EventKind kind);

    void delivered(String runId, EventKind kind, long count);

    /**
     * Updates the run dead-lettered anew: with no open entry before, or sent again by this run and
     * failing again. Not an entry still open from before that the run only updated. {@code kind} is
     * null for updates that never became an event (a refused legacy row, an unmapped state).
     */
    void deadLettered(String runId, EventKind kind, long count);

    /** Events left unsent because the connector is stopping (not failures: the next run sends them). */
    void abandoned(String runId, long count);
}
