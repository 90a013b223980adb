package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GenesysLimitsTest {

    /** A Wednesday, outside the default publishing window. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:15Z"));
    private final TestHttp http = new TestHttp();
    private GenesysSimulator genesys;

    @AfterEach
    void stop() {
        if (genesys != null) {
            genesys.close();
        }
    }

    private GenesysSimulator start(SandboxSettings.Builder settings) {
        genesys = new GenesysSimulator(settings.build(), clock).start();
        return genesys;
    }

    @Test
    void rateLimitAnswers429WithRetryAfterUntilTheWindowEnds() {
        start(SandboxSettings.builder().noLatency().rateLimitPerMinute(5));
        // windows run from the simulator's start (12:00:15 here), so 15 s in, 45 s are left
        clock.advance(Duration.ofSeconds(15));
        String token = http.token(genesys);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, http.postPresence(genesys, token, TestHttp.probe()).statusCode());
        }
        HttpResponse<String> limited = http.postPresence(genesys, token, TestHttp.probe());
        assertEquals(429, limited.statusCode());
        assertEquals("45", limited.headers().firstValue("Retry-After").orElseThrow());
        String correlationId = limited.headers().firstValue("ININ-Correlation-Id").orElseThrow();
        JsonNode body = TestHttp.json(limited);
        assertEquals("Rate limit exceeded the maximum. Retry the request in [45] seconds", body.get("message").asText());
        assertEquals("too.many.requests.retry.after", body.get("code").asText());
        assertEquals(429, body.get("status").asInt());
        assertEquals(correlationId, body.get("contextId").asText());
        assertEquals(0, body.get("details").size());
        assertEquals(0, body.get("errors").size());

        clock.advance(Duration.ofMillis(44_500));
        assertEquals("1", http.postPresence(genesys, token, TestHttp.probe()).headers()
                .firstValue("Retry-After").orElseThrow(), "rounds up and never says 0");
        clock.advance(Duration.ofMillis(500));
        assertEquals(200, http.postPresence(genesys, token, TestHttp.probe()).statusCode());
        assertEquals(6, genesys.counters().status(200));
        assertEquals(2, genesys.counters().status(429));
    }

    @Test
    void windowConcurrencyLimitAnswers409ScheduleConflict() {
        start(SandboxSettings.builder().windowMode(WindowMode.ON).windowConcurrentLimit(3)
                .latencyMedianMs(400).latencySigma(0));
        String token = http.token(genesys);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(http.postPresenceAsync(genesys, token, TestHttp.probe()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        int ok = 0;
        int conflicts = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            if (response.statusCode() == 409) {
                conflicts++;
                JsonNode body = TestHttp.json(response);
                assertEquals("SCHEDULE_CONFLICT", body.get("code").asText());
                assertTrue(body.get("message").asText().contains("schedule"), body.get("message").asText());
                assertEquals(409, body.get("status").asInt());
            } else {
                assertEquals(200, response.statusCode(), response.body());
                ok++;
            }
        }
        assertTrue(conflicts > 0, "some of 12 concurrent requests must meet the limit of 3");
        assertTrue(ok >= 3, "at least the first three get through, got " + ok);
        GenesysCounters counters = genesys.counters();
        assertTrue(counters.peakInFlight() <= 3, "peak " + counters.peakInFlight());
        assertEquals(0, counters.currentInFlight(), "rejected and finished requests hold no slot");
        assertEquals(conflicts, counters.status(409));
    }

    @Test
    void outsideTheWindowTheNormalConcurrencyLimitApplies() {
        start(SandboxSettings.builder().windowConcurrentLimit(1).concurrentLimit(10)
                .latencyMedianMs(200).latencySigma(0));
        assertTrue(!genesys.isWindowActive(), "Wednesday noon UTC is outside Tuesday 09:00-10:00 Chicago");
        String token = http.token(genesys);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(http.postPresenceAsync(genesys, token, TestHttp.probe()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertEquals(200, call.join().statusCode());
        }
        assertTrue(genesys.counters().peakInFlight() <= 8);

        clock.set(Instant.parse("2026-11-24T15:30:00Z")); // Tuesday 09:30 in Chicago
        assertTrue(genesys.isWindowActive());
        genesys.setWindowMode(WindowMode.OFF);
        assertTrue(!genesys.isWindowActive());
    }

    @Test
    void random5xxAnswers503AndReleasesTheSlot() {
        start(SandboxSettings.builder().noLatency().random5xxShare(1.0).windowMode(WindowMode.OFF));
        String token = http.token(genesys);
        HttpResponse<String> failed = http.postPresence(genesys, token,
                TestHttp.batch(TestHttp.event("e1", "2026-11-25T12:00:00Z", "u1", PresenceDefinitions.AVAILABLE)));
        assertEquals(503, failed.statusCode());
        assertEquals("service.unavailable", TestHttp.json(failed).get("code").asText());
        assertEquals(0, genesys.counters().currentInFlight());
        assertTrue(genesys.state().isEmpty(), "a 503 applies nothing");

        genesys.setRandom5xxShare(0.0);
        assertEquals(200, http.postPresence(genesys, token,
                TestHttp.batch(TestHttp.event("e1", "2026-11-25T12:00:00Z", "u1", PresenceDefinitions.AVAILABLE)))
                .statusCode());
        assertEquals(1, genesys.counters().acceptedEvents());
    }

    @Test
    void random5xxShareIsSeededPerRequestNumber() {
        start(SandboxSettings.builder().noLatency().random5xxShare(0.3).windowMode(WindowMode.OFF));
        String token = http.token(genesys);
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(http.postPresence(genesys, token, TestHttp.probe()).statusCode());
        }
        genesys.close();
        start(SandboxSettings.builder().noLatency().random5xxShare(0.3).windowMode(WindowMode.OFF));
        String token2 = http.token(genesys);
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            second.add(http.postPresence(genesys, token2, TestHttp.probe()).statusCode());
        }
        assertEquals(first, second);
        long failures = first.stream().filter(status -> status == 503).count();
        assertTrue(failures > 2 && failures < 25, "failures " + failures);
    }

    @Test
    void forcedResponsesComeFirstAndRunOut() {
        start(SandboxSettings.builder().noLatency().windowMode(WindowMode.OFF));
        String token = http.token(genesys);
        genesys.failNextRequests(2, 429, "too.many.requests.retry.after", Map.of("Retry-After", "2"));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> forced = http.postPresence(genesys, token, TestHttp.probe());
            assertEquals(429, forced.statusCode());
            assertEquals("2", forced.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("too.many.requests.retry.after", TestHttp.json(forced).get("code").asText());
        }
        assertEquals(200, http.postPresence(genesys, token, TestHttp.probe()).statusCode());

        genesys.failNextRequests(1, ForcedResponse.raw(200, Map.of(), "<html>gateway</html>"));
        HttpResponse<String> odd = http.postPresence(genesys, token, TestHttp.probe());
        assertEquals(200, odd.statusCode());
        assertEquals("<html>gateway</html>", odd.body());

        genesys.failNextRequests(Integer.MAX_VALUE, 409, "SCHEDULE_CONFLICT", Map.of());
        for (int i = 0; i < 5; i++) {
            assertEquals(409, http.postPresence(genesys, token, TestHttp.probe()).statusCode());
        }
        genesys.clearForcedResponses();
        assertEquals(200, http.postPresence(genesys, token, TestHttp.probe()).statusCode());
        assertEquals(0, genesys.counters().currentInFlight());
    }
}
