package org.wfmagentsync.push;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.ObjIntConsumer;
import org.wfmagentsync.genesys.EventJson;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.StatusEvent;
import org.wfmagentsync.support.OnePass;

/**
 * Cuts a round's events into the requests Genesys Cloud takes: each batch holds events of one kind
 * (a request goes to that kind's endpoint), at least one, at most {@code batchSize}, and its request
 * body stays within {@code maxBytes} as serialized, so the connector never provokes
 * {@code zero.events.submitted}, {@code max.batch.size.surpassed} or a 413. The kinds fill batches of
 * their own side by side, so a batch of each goes out as soon as it is full.
 */
public final class EventBatcher {

    private final int batchSize;
    private final long maxBytes;
    private final EventJson eventJson;

    /**
     * @param batchSize at most this many events to a request (at most {@link EventJson#MAX_EVENTS_PER_REQUEST})
     * @param maxBytes  at most this many bytes to a request body ({@link EventJson#MAX_REQUEST_BYTES})
     */
    public EventBatcher(int batchSize, long maxBytes, EventJson eventJson) {
        if (batchSize < 1 || batchSize > EventJson.MAX_EVENTS_PER_REQUEST) {
            throw new IllegalArgumentException("a batch holds 1 to " + EventJson.MAX_EVENTS_PER_REQUEST
                    + " events, not " + batchSize);
        }
        this.batchSize = batchSize;
        this.maxBytes = maxBytes;
        this.eventJson = eventJson;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The event's share of a request body, as the byte limit counts it. */
    int eventBytes(StatusEvent event) {
        return eventJson.eventBytes(event);
    }

    /** Whether {@code events} events of {@code kind}, {@code eventBytes} bytes together, fit in one request. */
    boolean fits(EventKind kind, int events, long eventBytes) {
        return events <= batchSize && EventJson.requestBytes(kind, events, eventBytes) <= maxBytes;
    }

    /**
     * The events' batches, worked out as they are taken. An event that alone makes a request larger
     * than {@code maxBytes} cannot be sent at all: it goes to {@code tooLarge} with its size instead.
     */
    public OnePass<List<StatusEvent>> batches(Iterator<StatusEvent> events, ObjIntConsumer<StatusEvent> tooLarge) {
        return OnePass.of(new Batches(events, tooLarge));
    }

    /** As {@link #batches(Iterator, ObjIntConsumer)}, all at once. */
    public List<List<StatusEvent>> batches(List<StatusEvent> events, ObjIntConsumer<StatusEvent> tooLarge) {
        List<List<StatusEvent>> all = new ArrayList<>();
        batches(events.iterator(), tooLarge).forEach(all::add);
        return all;
    }

    /** The batch of one kind being filled. */
    private static final class Open {
        final List<StatusEvent> events = new ArrayList<>();
        long eventBytes;
    }

    private final class Batches implements Iterator<List<StatusEvent>> {
        private final Iterator<StatusEvent> source;
        private final ObjIntConsumer<StatusEvent> tooLarge;
        private final Map<EventKind, Open> open = new EnumMap<>(EventKind.class);
        private final Deque<List<StatusEvent>> ready = new ArrayDeque<>();

        Batches(Iterator<StatusEvent> source, ObjIntConsumer<StatusEvent> tooLarge) {
            this.source = source;
            this.tooLarge = tooLarge;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && source.hasNext()) {
                add(source.next());
            }
            if (ready.isEmpty()) {
                // the source is used up: what is left of each kind, presence first
                for (Open batch : open.values()) {
                    if (!batch.events.isEmpty()) {
                        ready.add(List.copyOf(batch.events));
                    }
                }
                open.clear();
            }
            return !ready.isEmpty();
        }

        @Override
        public List<StatusEvent> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void add(StatusEvent event) {
            int bytes = eventJson.eventBytes(event);
            if (EventJson.requestBytes(event.kind(), 1, bytes) > maxBytes) {
                tooLarge.accept(event, bytes);
                return;
            }
            Open batch = open.computeIfAbsent(event.kind(), kind -> new Open());
            if (EventJson.requestBytes(event.kind(), batch.events.size() + 1, batch.eventBytes + bytes) > maxBytes) {
                close(event.kind(), batch);
                batch = open.computeIfAbsent(event.kind(), kind -> new Open());
            }
            batch.events.add(event);
            batch.eventBytes += bytes;
            if (batch.events.size() == batchSize) {
                close(event.kind(), batch);
            }
        }

        private void close(EventKind kind, Open batch) {
            ready.add(List.copyOf(batch.events));
            open.remove(kind);
        }
    }
}
