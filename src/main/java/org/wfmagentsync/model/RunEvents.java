package org.wfmagentsync.model;

/**
 * What the stages tell run reporting while a run goes on. The stages know only this interface;
 * run reporting implements it and turns the counts into the run's summary.
 */
public interface RunEvents {

    /** The exchange property that carries the run id through a run's routes. */
    String RUN_ID = "wfmRunId";

    /** How many rows the legacy feed had. */
    void fetched(String runId, long count);

    /** How many changes the run had to deliver (known once the whole feed has been worked through). */
    void changed(String runId, long count);

    /** Events sent for the first time. */
    void sent(String runId, long count);

    /** A request answered with this HTTP status. */
    void request(String runId, int status);

    /** A retry: a redelivery of a batch, or a request of a later round. */
    void retry(String runId);

    void delivered(String runId, long count);

    /**
     * Updates the run dead-lettered anew: with no open entry before, or sent again by this run and
     * failing again. Not an entry still open from before that the run only updated.
     */
    void deadLettered(String runId, long count);

    /** Events left unsent because the connector is stopping (not failures: the next run sends them). */
    void abandoned(String runId, long count);
}
