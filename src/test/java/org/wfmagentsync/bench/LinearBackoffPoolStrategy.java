package org.wfmagentsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JMeter plan people share: 20 threads, one event per request, linear backoff with jitter on 409 and 429. */
final class LinearBackoffPoolStrategy implements Strategy {

    private static final Logger LOG = LoggerFactory.getLogger(LinearBackoffPoolStrategy.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 20;

    @Override
    public boolean warmsUp() {
        return false; // it spends its time waiting, and a warm-up would take minutes
    }

    @Override
    public String name() {
        return "20 threads, linear backoff (JMeter style)";
    }

    @Override
    public Outcome run(Scenario scenario, Target target) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + scenario.timeCap().toNanos();
        Tokens tokens = new Tokens(http, target, Token.fetch(http, target));
        AtomicLong handled = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        SplittableRandom seeds = new SplittableRandom(scenario.seed());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Target.Event event : target.events()) {
                SplittableRandom jitter = seeds.split(); // one stream per event, drawn in event order
                pool.execute(() -> {
                    try {
                        if (!deliver(http, target, tokens, event, jitter, deadline, retries)) {
                            lost.incrementAndGet();
                        }
                        handled.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // stopped at the time cap: not handled
                    }
                });
            }
            pool.shutdown();
            long left = deadline - System.nanoTime();
            boolean finished = pool.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS);
            LOG.info("{}: {} of {} events handled, {} given up, {} retries{}", name(), handled.get(),
                    target.events().size(), lost.get(), retries.get(), finished ? "" : " (time cap reached)");
            return new Outcome(!finished, handled.get(), retries.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends one event until it is accepted or cannot be; false when given up on. */
    private boolean deliver(HttpClient http, Target target, Tokens tokens, Target.Event event,
                            SplittableRandom jitter, long deadline, AtomicLong retries) throws InterruptedException {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("userPresenceEvents", List.of(event)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int retryCount = 0;
        boolean reauthenticated = false;
        for (boolean again = false; ; again = true) {
            if (System.nanoTime() >= deadline) {
                throw new InterruptedException("time cap");
            }
            if (again) {
                retries.incrementAndGet();
            }
            String token = tokens.current();
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create(target.apiUrl() + "/api/v2/events/users/presence"))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                LOG.debug("{}: event {} given up: {}", name(), event.eventId(), e.toString());
                return false;
            }
            int status = answer.statusCode();
            if (status == 401 && !reauthenticated) {
                reauthenticated = true;
                tokens.refresh(token);
                continue;
            }
            JsonNode errors = status == 200 ? errors(answer.body()) : null;
            if (status == 409 || status == 429 || (errors != null && anyRetryable(errors))) {
                long delay = Math.min(10_000, 1000L * (1 + retryCount)) + jitter.nextLong(1001);
                retryCount++;
                Thread.sleep(delay);
                continue;
            }
            if (errors == null || !errors.isEmpty()) {
                LOG.debug("{}: event {} given up: {} {}", name(), event.eventId(), status, answer.body());
                return false;
            }
            return true;
        }
    }

    /** The per-event errors of a 200 body; none when the body does not parse (the request itself succeeded). */
    private static JsonNode errors(String body) {
        try {
            return JSON.readTree(body).path("errors");
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }

    private static boolean anyRetryable(JsonNode errors) {
        for (JsonNode error : errors) {
            if (error.path("retryable").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    /** The shared bearer token; a 401 refreshes it once for everyone who used the same stale one. */
    private static final class Tokens {
        private final HttpClient http;
        private final Target target;
        private volatile String token;

        Tokens(HttpClient http, Target target, String token) {
            this.http = http;
            this.target = target;
            this.token = token;
        }

        String current() {
            return token;
        }

        synchronized void refresh(String stale) throws InterruptedException {
            if (!stale.equals(token)) {
                return; // another thread already refreshed it
            }
            try {
                token = Token.fetch(http, target);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.debug("token refresh failed: {}", e.toString());
            }
        }
    }
}
