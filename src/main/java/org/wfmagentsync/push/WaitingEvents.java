package org.wfmagentsync.push;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.StatusEvent;

/**
 * The events waiting for one round, by kind, in the order they came back. Answers arrive on the push
 * workers' threads while round 1 is still being taken, so it is thread-safe, and it tells when the
 * events of one kind fill a whole batch (the {@link EventBatcher}'s limits: its batch size, or the
 * request bytes), so that batch can go out without waiting for the round.
 */
final class WaitingEvents {

    private record Waiting(StatusEvent event, int bytes) {
    }

    /** One kind's waiting events and their bytes together. */
    private static final class Line {
        final ArrayDeque<Waiting> events = new ArrayDeque<>();
        long bytes;
    }

    private final EventBatcher batcher;
    private final Map<EventKind, Line> lines = new EnumMap<>(EventKind.class);
    private int size;

    WaitingEvents(EventBatcher batcher) {
        this.batcher = batcher;
    }

    synchronized void add(StatusEvent event) {
        Line line = lines.computeIfAbsent(event.kind(), kind -> new Line());
        int bytes = batcher.eventBytes(event);
        line.events.add(new Waiting(event, bytes));
        line.bytes += bytes;
        size++;
    }

    /**
     * Takes off the oldest whole batch of one kind, if the waiting events of some kind fill one and
     * {@code pay} agrees (asked only then, under this queue's lock); null otherwise, leaving every
     * event waiting. Presence first, as the batcher orders kinds.
     */
    synchronized List<StatusEvent> takeWholeBatch(BooleanSupplier pay) {
        for (Map.Entry<EventKind, Line> entry : lines.entrySet()) {
            EventKind kind = entry.getKey();
            Line line = entry.getValue();
            int whole = wholeBatch(kind, line);
            if (whole == 0) {
                continue;
            }
            if (!pay.getAsBoolean()) {
                return null;
            }
            List<StatusEvent> batch = new ArrayList<>(whole);
            for (int i = 0; i < whole; i++) {
                Waiting waiting = line.events.poll();
                line.bytes -= waiting.bytes();
                batch.add(waiting.event());
            }
            size -= whole;
            return List.copyOf(batch);
        }
        return null;
    }

    /**
     * How many events from the front of the line make a whole batch: as many as fit in one request,
     * when the line holds more than fit (or exactly a full batch); 0 when they do not fill one yet.
     * An event too large to go alone is left for the round, whose batcher dead-letters it.
     */
    private int wholeBatch(EventKind kind, Line line) {
        int waiting = line.events.size();
        if (waiting < batcher.batchSize() && batcher.fits(kind, waiting, line.bytes)) {
            return 0;
        }
        int count = 0;
        long bytes = 0;
        for (Iterator<Waiting> it = line.events.iterator(); it.hasNext(); ) {
            Waiting next = it.next();
            if (!batcher.fits(kind, count + 1, bytes + next.bytes())) {
                break;
            }
            count++;
            bytes += next.bytes();
        }
        return count;
    }

    /** Takes off every waiting event, each kind in the order it came back, presence first. */
    synchronized List<StatusEvent> takeAll() {
        List<StatusEvent> all = new ArrayList<>(size);
        for (Line line : lines.values()) {
            line.events.forEach(waiting -> all.add(waiting.event()));
        }
        lines.clear();
        size = 0;
        return all;
    }

    synchronized int size() {
        return size;
    }
}
