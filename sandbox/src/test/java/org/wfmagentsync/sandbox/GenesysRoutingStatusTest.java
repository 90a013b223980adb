package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code POST /api/v2/events/users/routingstatus}: the real shapes, its own state and counters, the
 * per-event answers presence has, the limits it shares with presence, and the answers to a body the
 * API refuses as a whole (on both event endpoints).
 */
@Timeout(60)
class GenesysRoutingStatusTest {

    private static final String T1 = "2026-11-25T12:00:00Z";
    private static final String T2 = "2026-11-25T12:05:00.123Z";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:10:00Z"));
    private final TestHttp http = new TestHttp();
    private GenesysSimulator genesys;
    private String token;

    @AfterEach
    void stop() {
        if (genesys != null) {
            genesys.close();
        }
    }

    private void start(SandboxSettings.Builder settings) {
        genesys = new GenesysSimulator(settings.build(), clock).start();
        token = http.token(genesys);
    }

    private JsonNode post(String body) {
        HttpResponse<String> response = http.postRoutingStatus(genesys, token, body);
        assertEquals(200, response.statusCode(), response.body());
        return TestHttp.json(response).get("errors");
    }

    @Test
    void applies_routing_statuses_by_agent_id_deduplicates_and_keeps_the_newest_apart_from_presence() {
        start(SandboxSettings.builder().noLatency().windowMode(WindowMode.OFF));
        assertEquals(0, post(TestHttp.routingBatch(TestHttp.routingEvent("r1", T2, "u1", "Idle"),
                TestHttp.routingEvent("r2", T1, "u2", "Interacting"))).size());
        assertEquals(new UserRoutingStatus("Idle", "r1", Instant.parse(T2), clock.instant()),
                genesys.routingStatusOf("u1").orElseThrow());
        assertTrue(genesys.state().isEmpty(), "a routing status is not a presence");

        assertEquals(0, post(TestHttp.routingBatch(TestHttp.routingEvent("r1", T2, "u1", "Idle"))).size());
        assertEquals(0, post(TestHttp.routingBatch(TestHttp.routingEvent("r3", T1, "u1", "OffQueue"))).size());
        assertEquals("Idle", genesys.routingStatusOf("u1").orElseThrow().status(), "an older event does not win");

        EventCounters counters = genesys.counters().routingStatus();
        assertEquals(3, counters.requests());
        assertEquals(2, counters.acceptedEvents());
        assertEquals(1, counters.duplicateEvents());
        assertEquals(1, counters.staleEvents());
        assertEquals(3, counters.status(200));
        assertEquals(0, genesys.counters().requests(), "the presence endpoint's counters are its own");
        assertEquals(0, genesys.counters().acceptedEvents());
    }

    @Test
    void bad_events_get_per_event_errors_that_are_not_retryable() {
        start(SandboxSettings.builder().noLatency().windowMode(WindowMode.OFF));
        genesys.setKnownUsers(Set.of("u1", "u2", "u3", "u4"));
        String wrongSource = "{\"eventId\":\"r4\",\"eventDateTime\":\"" + T1 + "\",\"agentId\":\"u4\",\"status\":\"Idle\","
                + "\"sourceId\":\"not-the-source\"}";
        String userIdInstead = "{\"eventId\":\"r5\",\"eventDateTime\":\"" + T1 + "\",\"userId\":\"u1\",\"status\":\"Idle\","
                + "\"sourceId\":\"" + SandboxSettings.DEFAULT_PRESENCE_SOURCE_ID + "\"}";
        JsonNode errors = post(TestHttp.routingBatch(TestHttp.routingEvent("r1", T1, "u1", "OFF_QUEUE"),
                TestHttp.routingEvent("r2", "yesterday", "u2", "Idle"), TestHttp.routingEvent("r3", T1, "u9", "Idle"),
                wrongSource, userIdInstead, TestHttp.routingEvent("r6", T1, "u3", "Communicating")));

        assertEquals(5, errors.size(), errors.toString());
        for (JsonNode error : errors) {
            assertFalse(error.get("retryable").asBoolean(), error.toString());
        }
        assertTrue(errors.get(0).get("message").asText().contains("status OFF_QUEUE is not one of OffQueue, Idle,"
                + " Interacting, Communicating, NotResponding"), errors.toString());
        assertTrue(errors.get(1).get("message").asText().contains("eventDateTime"), errors.toString());
        assertTrue(errors.get(2).get("message").asText().contains("user not found: u9"), errors.toString());
        assertTrue(errors.get(3).get("message").asText().contains("sourceId"), errors.toString());
        assertTrue(errors.get(4).get("message").asText().contains("agentId"), "the user is the agentId: " + errors);
        assertEquals("Communicating", genesys.routingStatusOf("u3").orElseThrow().status());
        assertEquals(5, genesys.counters().routingStatus().perEventRejections());
    }

    @Test
    void inside_the_window_first_attempts_may_conflict_per_event_seeded_by_event_id() {
        start(SandboxSettings.builder().noLatency().windowMode(WindowMode.ON).perEventConflictShare(0.15));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(TestHttp.routingEvent("routing-" + i, T1, "u" + i, "Idle"));
        }
        JsonNode first = post(TestHttp.routingBatch(events));
        assertTrue(first.size() >= 5 && first.size() <= 30, "about 15% of 100, got " + first.size());
        for (JsonNode error : first) {
            assertTrue(error.get("retryable").asBoolean());
            assertTrue(error.get("message").asText().contains("SCHEDULE_CONFLICT"));
        }
        assertEquals(100 - first.size(), genesys.routingState().size());
        assertEquals(0, post(TestHttp.routingBatch(events)).size(), "a retry is not a first attempt");
        assertEquals(100, genesys.routingState().size());
        assertEquals(first.size(), genesys.counters().routingStatus().perEventConflicts());
    }

    @Test
    void both_endpoints_share_the_clients_rate_limit() {
        start(SandboxSettings.builder().noLatency().windowMode(WindowMode.OFF).rateLimitPerMinute(4));
        assertEquals(200, http.postPresence(genesys, token, TestHttp.probe()).statusCode());
        assertEquals(200, http.postRoutingStatus(genesys, token,
                TestHttp.routingBatch(TestHttp.routingEvent("r1", T1, "u1", "Idle"))).statusCode());
        assertEquals(200, http.postPresence(genesys, token, TestHttp.probe()).statusCode());
        assertEquals(200, http.postRoutingStatus(genesys, token,
                TestHttp.routingBatch(TestHttp.routingEvent("r2", T1, "u2", "Idle"))).statusCode());

        HttpResponse<String> routing = http.postRoutingStatus(genesys, token,
                TestHttp.routingBatch(TestHttp.routingEvent("r3", T1, "u3", "Idle")));
        HttpResponse<String> presence = http.postPresence(genesys, token, TestHttp.probe());

        for (HttpResponse<String> limited : List.of(routing, presence)) {
            assertEquals(429, limited.statusCode(), limited.body());
            assertEquals("too.many.requests.retry.after", TestHttp.json(limited).get("code").asText());
            assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        }
        assertEquals(1, genesys.counters().routingStatus().status(429));
        assertEquals(1, genesys.counters().status(429));
    }

    @Test
    void both_endpoints_share_the_concurrency_limit() {
        start(SandboxSettings.builder().windowMode(WindowMode.ON).windowConcurrentLimit(3).perEventConflictShare(0)
                .latencyMedianMs(400).latencySigma(0));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(http.postPresenceAsync(genesys, token, TestHttp.probe()));
            calls.add(http.postRoutingStatusAsync(genesys, token,
                    TestHttp.routingBatch(TestHttp.routingEvent("r" + i, T1, "u" + i, "Idle"))));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        long conflicts = calls.stream().filter(call -> call.join().statusCode() == 409).count();

        GenesysCounters counters = genesys.counters();
        assertTrue(conflicts >= 12 - 2 * 3, "12 at once against one limit of 3: " + conflicts + " conflicts");
        assertTrue(counters.peakInFlight() <= 3, "never more than 3 in flight over both endpoints: "
                + counters.peakInFlight());
        assertEquals(conflicts, counters.status(409) + counters.routingStatus().status(409));
        assertEquals(0, counters.currentInFlight());
    }

    @Test
    void an_empty_batch_more_than_100_events_and_a_body_over_512000_bytes_are_refused_on_both_endpoints() {
        start(SandboxSettings.builder().noLatency().windowMode(WindowMode.OFF));
        record Endpoint(String list, BiFunction<String, String, HttpResponse<String>> post,
                        BiFunction<Integer, String, String> event) {
        }
        List<Endpoint> endpoints = List.of(
                new Endpoint("userPresenceEvents", (t, body) -> http.postPresence(genesys, t, body),
                        (i, text) -> TestHttp.event("p" + i, T1, "u" + i, PresenceDefinitions.AVAILABLE)
                                .replace("sandbox test", text)),
                new Endpoint("userRoutingStatusEvents", (t, body) -> http.postRoutingStatus(genesys, t, body),
                        (i, text) -> TestHttp.routingEvent("r" + i, T1, "u" + i, "Idle")
                                .replace("\"status\"", "\"padding\":\"" + text + "\",\"status\"")));
        for (Endpoint endpoint : endpoints) {
            assertRefused(endpoint.post().apply(token, "{\"" + endpoint.list() + "\":[]}"), 400, "zero.events.submitted");

            List<String> many = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                many.add(endpoint.event().apply(i, "x"));
            }
            HttpResponse<String> tooMany = endpoint.post().apply(token, "{\"" + endpoint.list() + "\":["
                    + String.join(",", many) + "]}");
            assertRefused(tooMany, 400, "max.batch.size.surpassed");
            assertTrue(TestHttp.json(tooMany).get("message").asText().contains("Max batch size is 100"));

            String big = "{\"" + endpoint.list() + "\":[" + endpoint.event().apply(1, "y".repeat(512_000)) + "]}";
            assertRefused(endpoint.post().apply(token, big), 413, "request.entity.too.large");
            String justFits = "{\"" + endpoint.list() + "\":[" + endpoint.event().apply(2, "") + "]}";
            String padded = justFits.replace("\"eventId\"", "\"pad\":\"" + "z".repeat(512_000 - justFits.length() - 9)
                    + "\",\"eventId\"");
            assertEquals(512_000, padded.length());
            assertEquals(200, endpoint.post().apply(token, padded).statusCode(), "512,000 bytes are taken");
        }
        assertEquals(1, genesys.counters().acceptedEvents(), "only the padded presence event");
        assertEquals(1, genesys.counters().routingStatus().acceptedEvents());
        assertEquals(2, genesys.counters().status(400));
        assertEquals(1, genesys.counters().status(413));
        assertEquals(2, genesys.counters().routingStatus().status(400));
        assertEquals(1, genesys.counters().routingStatus().status(413));
    }

    @Test
    void the_state_endpoint_reports_presence_and_routing_status_per_user() {
        start(SandboxSettings.builder().noLatency().windowMode(WindowMode.OFF));
        assertEquals(200, http.postPresence(genesys, token,
                TestHttp.batch(TestHttp.event("p1", T1, "u1", PresenceDefinitions.ON_QUEUE))).statusCode());
        post(TestHttp.routingBatch(TestHttp.routingEvent("r1", T2, "u1", "Interacting"),
                TestHttp.routingEvent("r2", T2, "u2", "Idle")));

        JsonNode users = TestHttp.json(http.get(genesys.baseUrl() + "/sandbox/state")).get("users");

        assertEquals(PresenceDefinitions.ON_QUEUE, users.get("u1").get("presenceDefinitionId").asText());
        assertEquals("p1", users.get("u1").get("eventId").asText());
        assertEquals("Interacting", users.get("u1").get("routingStatus").get("status").asText());
        assertEquals("r1", users.get("u1").get("routingStatus").get("eventId").asText());
        assertEquals(T2, users.get("u1").get("routingStatus").get("eventDateTime").asText());
        assertFalse(users.get("u2").has("presenceDefinitionId"), "u2 has a routing status only");
        assertEquals("Idle", users.get("u2").get("routingStatus").get("status").asText());
        JsonNode counters = TestHttp.json(http.get(genesys.baseUrl() + "/sandbox/counters"));
        assertEquals(1, counters.get("routingStatus.requests").asLong());
        assertEquals(2, counters.get("routingStatus.acceptedEvents").asLong());
        assertEquals(1, counters.get("requests").asLong());
        assertEquals(List.of(RequestLogEntry.PRESENCE, RequestLogEntry.ROUTING_STATUS),
                genesys.requestLog().stream().map(RequestLogEntry::kind).toList());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = TestHttp.json(response);
        assertEquals(code, error.get("code").asText(), response.body());
        assertEquals(status, error.get("status").asInt());
    }
}
