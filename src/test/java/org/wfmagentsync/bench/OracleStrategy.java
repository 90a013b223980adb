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
 * harness (no 409 should ever reach it) and gives the time no client can beat. With both kinds it
 * sends the routing-status events too, in batches of their own, under the same semaphore and pacer
 * (both endpoints share the limits).
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

    /** The oracle reading {@code tenant}'s limits; with {@code null}, a copy for its name and rules only. */
    static OracleStrategy knowing(Tenant tenant) {
        return tenant == null ? new OracleStrategy(() -> 0, () -> null)
                : new OracleStrategy(tenant::concurrentLimitNow, tenant::rateWindowOrigin);
    }

    @Override
    public String name() {
        return "oracle (knows C and R): T*";
    }

    @Override
    public boolean runsIn(Scenario scenario) {
        return true;
    }

    /** One event to send and the endpoint it goes to. */
    private record Pending(Object event, String eventId, boolean routing) {
    }

    @Override
    public Outcome run(Scenario scenario, Target target) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = Token.fetch(http, target);
        ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Pending> pendingRouting = new ConcurrentLinkedQueue<>();
        target.events().forEach(event -> pending.add(new Pending(event, event.eventId(), false)));
        target.routingEvents().forEach(event -> pendingRouting.add(new Pending(event, event.eventId(), true)));
        int total = pending.size() + pendingRouting.size();
        AtomicInteger outstanding = new AtomicInteger(total);
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
                List<Pending> batch = take(pending);
                if (batch.isEmpty()) {
                    batch = take(pendingRouting);
                }
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
                List<Pending> sent = batch;
                ConcurrentLinkedQueue<Pending> queue = sent.get(0).routing() ? pendingRouting : pending;
                workers.execute(() -> {
                    try {
                        List<Pending> again = send(http, target, token, sent);
                        retries.addAndGet(again.isEmpty() ? 0 : 1);
                        queue.addAll(again);
                        outstanding.addAndGet(-(sent.size() - again.size()));
                    } catch (Exception e) {
                        queue.addAll(sent);
                        retries.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } finally {
            workers.shutdownNow();
        }
        return new Outcome(false, total, retries.get());
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

    private static List<Pending> take(ConcurrentLinkedQueue<Pending> pending) {
        List<Pending> batch = new ArrayList<>(100);
        Pending event;
        while (batch.size() < 100 && (event = pending.poll()) != null) {
            batch.add(event);
        }
        return batch;
    }

    /**
     * Sends one batch of one kind; returns the events to send again (retryable errors, or all of it on a
     * failed request).
     */
    private static List<Pending> send(HttpClient http, Target target, String token, List<Pending> batch)
            throws Exception {
        boolean routing = batch.get(0).routing();
        String body = JSON.writeValueAsString(Map.of(routing ? "userRoutingStatusEvents" : "userPresenceEvents",
                batch.stream().map(Pending::event).toList()));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(target.apiUrl()
                + (routing ? "/api/v2/events/users/routingstatus" : "/api/v2/events/users/presence")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return batch;
        }
        Map<String, Pending> byId = new HashMap<>();
        batch.forEach(event -> byId.put(event.eventId(), event));
        List<Pending> again = new ArrayList<>();
        for (JsonNode error : JSON.readTree(answer.body()).path("errors")) {
            if (error.path("retryable").asBoolean()) {
                again.add(byId.get(error.path("eventId").asText()));
            }
        }
        return again;
    }
}
