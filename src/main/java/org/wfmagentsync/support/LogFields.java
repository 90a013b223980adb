package org.wfmagentsync.support;

import org.slf4j.MDC;
import org.wfmagentsync.model.EventKind;

/**
 * The fields of a log line about one run, one agent or one kind of event, held in SLF4J's MDC while
 * the lines are written: the readable line shows the run id, the JSON line ({@link LogFormatEncoder})
 * has every one as a field of its {@code mdc}. Opened around the lines about one dead letter or batch,
 * never per event delivered; closing it puts back what the thread had before (a run's own thread keeps
 * its run id).
 */
public final class LogFields implements AutoCloseable {

    /** The run a line is about; set for the whole of a run on the thread that runs it. */
    public static final String RUN_ID = "runId";
    /** The legacy agent id a line is about. */
    public static final String AGENT_ID = "agentId";
    /** The kind of event a line is about: {@code PRESENCE} or {@code ROUTING_STATUS}, as the metrics' {@code event_kind}. */
    public static final String EVENT_KIND = "eventKind";

    private static final String[] KEYS = {RUN_ID, AGENT_ID, EVENT_KIND};

    private final boolean[] set = new boolean[KEYS.length];
    private final String[] before = new String[KEYS.length];

    private LogFields(String... values) {
        for (int i = 0; i < KEYS.length; i++) {
            if (values[i] != null) {
                set[i] = true;
                before[i] = MDC.get(KEYS[i]);
                MDC.put(KEYS[i], values[i]);
            }
        }
    }

    /** The fields given (each one that is not null) until {@link #close()}. */
    public static LogFields of(String runId, String agentId, EventKind kind) {
        return new LogFields(runId, agentId, kind == null ? null : kind.name());
    }

    /** Puts back what the thread had before; no exception. */
    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            if (!set[i]) {
                continue;
            }
            if (before[i] == null) {
                MDC.remove(KEYS[i]);
            } else {
                MDC.put(KEYS[i], before[i]);
            }
        }
    }
}
