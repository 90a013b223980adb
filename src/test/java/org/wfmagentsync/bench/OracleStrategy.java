package org.wfmagentsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The bound T*: a client that knows the tenant's limits exactly. It keeps exactly as many requests
 * in flight as the current session limit allows, sends exactly R requests in each of the server's
 * one-minute windows (as fast as that allows, then waits for the next window), sends full batches
 * of 100, and puts events that come back retryable into the next batch at once. It validates the
 * harness (no 409 should ever reach it) and gives the time no client can beat.
 */
final class OracleStrategy implements Strategy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntSupplier currentLimit;
    private final java.util.function.Supplier<java.time.Instant> windowOrigin;

    /** {@code currentLimit} reads the tenant's session limit as it is now; {@code windowOrigin} where its rate windows start. */
    OracleStrategy(IntSupplier currentLimit, java.util.function.Supplier<java.time.Instant> windowOrigin) {
        this.currentLimit = currentLimit;
        this.windowOrigin = windowOrigin;
    }

    @Override
    public String name() {
        return "oracle (knows C and R): T*";
    }

    @Override
    public Outcome run(Scenario scenario, Target target) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = Token.fetch(http, target);
        ConcurrentLinkedQueue<Target.Event> pending = new ConcurrentLinkedQueue<>(target.events());
        AtomicInteger outstanding = new AtomicInteger(target.events().size());
        AtomicLong retries = new AtomicLong();
        Semaphore inFlight = new Semaphore(0);
        AtomicInteger permits = new AtomicInteger();
        long windowOriginMillis = windowOrigin.get().toEpochMilli();
        long window = -1;
        int sentInWindow = 0;
        ExecutorService workers = Executors.newCachedThreadPool();
        try {
            while (outstanding.get() > 0) {
                adjust(inFlight, permits);
                List<Target.Event> batch = take(pending);
                if (batch.isEmpty()) {
                    Thread.onSpinWait();
                    Thread.sleep(1);
                    continue;
                }
                inFlight.acquire();
                // the simulator counts requests in fixed one-minute windows from its start
                long now = System.currentTimeMillis() - windowOriginMillis;
                if (Math.floorDiv(now, 60_000L) != window) {
                    window = Math.floorDiv(now, 60_000L);
                    sentInWindow = 0;
                }
                if (sentInWindow == scenario.ratePerMinute()) {
                    Thread.sleep((window + 1) * 60_000L - now + 5);
                    window = Math.floorDiv(System.currentTimeMillis() - windowOriginMillis, 60_000L);
                    sentInWindow = 0;
                }
                sentInWindow++;
                workers.execute(() -> {
                    try {
                        List<Target.Event> again = send(http, target, token, batch);
                        retries.addAndGet(again.isEmpty() ? 0 : 1);
                        pending.addAll(again);
                        outstanding.addAndGet(-(batch.size() - again.size()));
                    } catch (Exception e) {
                        pending.addAll(batch);
                        retries.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } finally {
            workers.shutdownNow();
        }
        return new Outcome(false, target.events().size(), retries.get());
    }

    /** Follows the tenant's limit: permits grow or shrink to it (shrinking waits for requests to end). */
    private void adjust(Semaphore inFlight, AtomicInteger permits) {
        int limit = currentLimit.getAsInt();
        int have = permits.get();
        if (limit > have) {
            inFlight.release(limit - have);
        } else if (limit < have) {
            inFlight.acquireUninterruptibly(have - limit);
        }
        permits.set(limit);
    }

    private static List<Target.Event> take(ConcurrentLinkedQueue<Target.Event> pending) {
        List<Target.Event> batch = new ArrayList<>(100);
        Target.Event event;
        while (batch.size() < 100 && (event = pending.poll()) != null) {
            batch.add(event);
        }
        return batch;
    }

    /** Sends one batch; returns the events to send again (retryable errors, or all of it on a failed request). */
    private static List<Target.Event> send(HttpClient http, Target target, String token, List<Target.Event> batch)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("userPresenceEvents", batch));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(target.apiUrl()
                + "/api/v2/events/users/presence")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return batch;
        }
        Map<String, Target.Event> byId = new HashMap<>();
        batch.forEach(event -> byId.put(event.eventId(), event));
        List<Target.Event> again = new ArrayList<>();
        for (JsonNode error : JSON.readTree(answer.body()).path("errors")) {
            if (error.path("retryable").asBoolean()) {
                again.add(byId.get(error.path("eventId").asText()));
            }
        }
        return again;
    }
}
