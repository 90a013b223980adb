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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GenesysPresenceTest {

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
        genesys = new GenesysSimulator(settings.noLatency().build(), clock).start();
        token = http.token(genesys);
    }

    private JsonNode post(String body) {
        HttpResponse<String> response = http.postPresence(genesys, token, body);
        assertEquals(200, response.statusCode(), response.body());
        return TestHttp.json(response).get("errors");
    }

    @Test
    void appliesEventsDeduplicatesByEventIdAndKeepsTheNewest() {
        start(SandboxSettings.builder().windowMode(WindowMode.OFF));
        assertEquals(0, post(TestHttp.batch(
                TestHttp.event("e1", T1, "u1", PresenceDefinitions.AVAILABLE),
                TestHttp.event("e2", T2, "u2", PresenceDefinitions.BREAK))).size());
        UserPresence held = genesys.presenceOf("u1").orElseThrow();
        assertEquals(new UserPresence(PresenceDefinitions.AVAILABLE, "e1", Instant.parse(T1), held.appliedAt()), held);
        assertEquals(clock.instant(), held.appliedAt());

        // The same request again (a retry after a lost answer) changes nothing but the duplicate counter.
        assertEquals(0, post(TestHttp.batch(
                TestHttp.event("e1", T1, "u1", PresenceDefinitions.AVAILABLE),
                TestHttp.event("e2", T2, "u2", PresenceDefinitions.BREAK))).size());
        assertEquals(2, genesys.counters().duplicateEvents());
        assertEquals(2, genesys.counters().acceptedEvents());

        // Newer wins; older is stale and ignored.
        post(TestHttp.batch(TestHttp.event("e3", T2, "u1", PresenceDefinitions.MEAL)));
        post(TestHttp.batch(TestHttp.event("e4", "2026-11-25T11:00:00+00:00", "u1", PresenceDefinitions.BUSY)));
        assertEquals(PresenceDefinitions.MEAL, genesys.presenceOf("u1").orElseThrow().presenceDefinitionId());
        GenesysCounters counters = genesys.counters();
        assertEquals(1, counters.staleEvents());
        assertEquals(3, counters.acceptedEvents());
        assertEquals(2, genesys.state().size());
        assertFalse(genesys.presenceOf("u3").isPresent());
    }

    @Test
    void badEventsGetNonRetryablePerEventErrors() {
        start(SandboxSettings.builder().windowMode(WindowMode.OFF));
        JsonNode errors = post("{\"userPresenceEvents\":["
                + TestHttp.event("bad-source", T1, "u1", "00000000-0000-0000-0000-000000000000",
                        PresenceDefinitions.AVAILABLE) + ","
                + TestHttp.event("bad-definition", T1, "u1", "00000000-0000-0000-0000-000000000000") + ","
                + "{\"eventId\":\"missing\",\"userId\":\"u1\"},"
                + "{\"eventId\":\"number-date\",\"eventDateTime\":1.5,\"userId\":\"u1\",\"sourceId\":\""
                + SandboxSettings.DEFAULT_PRESENCE_SOURCE_ID + "\",\"presenceDefinitionId\":\""
                + PresenceDefinitions.AWAY + "\"},"
                + TestHttp.event("bad-date", "yesterday", "u1", PresenceDefinitions.AVAILABLE) + ","
                + "42,"
                + TestHttp.event("good", T1, "u1", PresenceDefinitions.AVAILABLE) + "]}");
        assertEquals(6, errors.size());
        List<String> ids = new ArrayList<>();
        for (JsonNode error : errors) {
            assertFalse(error.get("retryable").asBoolean());
            assertFalse(error.get("message").asText().isBlank());
            ids.add(error.get("eventId").isNull() ? null : error.get("eventId").asText());
        }
        assertEquals(java.util.Arrays.asList("bad-source", "bad-definition", "missing", "number-date", "bad-date", null),
                ids);
        assertEquals(6, genesys.counters().perEventRejections());
        assertEquals(1, genesys.counters().acceptedEvents());

        genesys.setKnownUsers(Set.of("u1"));
        JsonNode unknownUser = post(TestHttp.batch(TestHttp.event("e9", T2, "u9", PresenceDefinitions.AVAILABLE)));
        assertEquals(1, unknownUser.size());
        assertTrue(unknownUser.get(0).get("message").asText().contains("user not found"));
        assertFalse(unknownUser.get(0).get("retryable").asBoolean());
    }

    @Test
    void malformedOrOversizedBodiesAre400() {
        start(SandboxSettings.builder().windowMode(WindowMode.OFF));
        for (String body : List.of("{\"userPresenceEvents\":[", "not json", "{}", "[]", "{\"userPresenceEvents\":{}}",
                "", "{\"userPresenceEvents\":[]} trailing")) {
            HttpResponse<String> response = http.postPresence(genesys, token, body);
            assertEquals(400, response.statusCode(), body);
            JsonNode error = TestHttp.json(response);
            assertEquals("bad.request", error.get("code").asText());
            assertEquals(400, error.get("status").asInt());
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            events.add(TestHttp.event("e" + i, T1, "u" + i, PresenceDefinitions.AVAILABLE));
        }
        HttpResponse<String> tooMany = http.postPresence(genesys, token, TestHttp.batch(events));
        assertEquals(400, tooMany.statusCode());
        assertTrue(TestHttp.json(tooMany).get("message").asText().contains("100"));
        assertEquals(0, genesys.counters().acceptedEvents());
        assertEquals(101, genesys.requestLog().get(genesys.requestLog().size() - 1).eventCount());

        events.remove(100);
        assertEquals(0, post(TestHttp.batch(events)).size());
        assertEquals(100, genesys.counters().acceptedEvents());
    }

    @Test
    void insideTheWindowFirstAttemptsMayConflictAndRetriesGoThrough() {
        start(SandboxSettings.builder().windowMode(WindowMode.ON).perEventConflictShare(1.0));
        String batch = TestHttp.batch(
                TestHttp.event("e1", T1, "u1", PresenceDefinitions.AVAILABLE),
                TestHttp.event("e2", T1, "u2", PresenceDefinitions.AWAY));
        JsonNode errors = post(batch);
        assertEquals(2, errors.size());
        for (JsonNode error : errors) {
            assertTrue(error.get("retryable").asBoolean());
            assertTrue(error.get("message").asText().contains("SCHEDULE_CONFLICT"));
        }
        assertTrue(genesys.state().isEmpty(), "conflicted events are not applied");
        assertEquals(0, post(batch).size(), "a retry is not a first attempt");
        assertEquals(2, genesys.state().size());
        GenesysCounters counters = genesys.counters();
        assertEquals(2, counters.perEventConflicts());
        assertEquals(2, counters.acceptedEvents());
        assertEquals(0, counters.duplicateEvents());
    }

    @Test
    void conflictDrawsAreSeededByEventId() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(TestHttp.event("event-" + i, T1, "u" + i, PresenceDefinitions.ON_QUEUE));
        }
        start(SandboxSettings.builder().windowMode(WindowMode.ON));
        JsonNode first = post(TestHttp.batch(events));
        genesys.close();
        start(SandboxSettings.builder().windowMode(WindowMode.ON));
        JsonNode second = post(TestHttp.batch(events.subList(0, 50)));
        JsonNode third = post(TestHttp.batch(events.subList(50, 100)));
        assertEquals(first.size(), second.size() + third.size(), "same seed, same conflicts, whatever the batching");
        assertTrue(first.size() >= 5 && first.size() <= 30, "about 15% of 100, got " + first.size());
        assertEquals(first.size(), genesys.counters().perEventConflicts());
    }

    @Test
    void inspectionEndpointsAndRequestLog() {
        start(SandboxSettings.builder().windowMode(WindowMode.OFF));
        post(TestHttp.batch(TestHttp.event("e1", T1, "u1", PresenceDefinitions.TRAINING)));
        JsonNode state = TestHttp.json(http.get(genesys.baseUrl() + "/sandbox/state"));
        JsonNode user = state.get("users").get("u1");
        assertEquals(PresenceDefinitions.TRAINING, user.get("presenceDefinitionId").asText());
        assertEquals("e1", user.get("eventId").asText());
        assertEquals(T1, user.get("eventDateTime").asText());
        assertEquals(1, state.get("counters").get("acceptedEvents").asLong());

        JsonNode counters = TestHttp.json(http.get(genesys.baseUrl() + "/sandbox/counters"));
        for (String name : List.of("requests", "acceptedEvents", "duplicateEvents", "staleEvents", "perEventConflicts",
                "perEventRejections", "peakInFlight", "currentInFlight", "tokensIssued", "status200", "status400",
                "status401", "status409", "status429", "status503")) {
            assertTrue(counters.has(name), name);
        }
        assertEquals(1, counters.get("status200").asLong());
        assertEquals(1, counters.get("tokensIssued").asLong());

        List<RequestLogEntry> log = genesys.requestLog();
        assertEquals(1, log.size());
        assertEquals(new RequestLogEntry(clock.instant(), clock.instant(), 200, 1), log.get(0));
        assertEquals(404, http.get(genesys.baseUrl() + "/api/v2/routing/queues").statusCode());
    }
}
