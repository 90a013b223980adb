package org.wfmagentsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxSettingsTest {

    @Test
    void defaultsMatchTheDocumentedValues() {
        SandboxSettings s = SandboxSettings.defaults();
        assertEquals(42, s.seed());
        assertEquals(2000, s.legacyAgents());
        assertEquals(0.10, s.legacyChangeShare());
        assertEquals("127.0.0.1", s.legacyHost());
        assertEquals(0, s.legacyPort());
        assertEquals(0, s.genesysPort());
        assertEquals("sandbox-client", s.clientId());
        assertEquals("sandbox-secret", s.clientSecret());
        assertEquals(SandboxSettings.DEFAULT_PRESENCE_SOURCE_ID, s.presenceSourceId());
        assertEquals(3600, s.tokenTtlSeconds());
        assertEquals(300, s.rateLimitPerMinute());
        assertEquals(10, s.concurrentLimit());
        assertEquals(3, s.windowConcurrentLimit());
        assertEquals(WindowMode.SCHEDULE, s.windowMode());
        assertEquals(DayOfWeek.TUESDAY, s.windowDay());
        assertEquals(LocalTime.of(9, 0), s.windowStart());
        assertEquals(LocalTime.of(10, 0), s.windowEnd());
        assertEquals(ZoneId.of("America/Chicago"), s.windowZone());
        assertEquals(0.15, s.perEventConflictShare());
        assertEquals(0.0, s.random5xxShare());
        assertEquals(20, s.latencyMedianMs());
        assertEquals(0.5, s.latencySigma());
        assertEquals(100, s.maxEventsPerRequest());
    }

    @Test
    void readsPrefixedPropertiesAndKeepsDefaultsForTheRest() {
        Map<String, String> props = Map.of(
                "sandbox.seed", "7",
                "sandbox.legacy.agents", "50000",
                "sandbox.legacy.changeShare", "0.25",
                "sandbox.genesys.window.mode", "on",
                "sandbox.genesys.window.day", "monday",
                "sandbox.genesys.window.start", "13:30",
                "sandbox.genesys.window.end", "14:00",
                "sandbox.genesys.window.zone", "Europe/Paris",
                "sandbox.genesys.latency.medianMs", "0",
                "sandbox.genesys.rateLimitPerMinute", " ");
        SandboxSettings s = SandboxSettings.fromProperties(props::get);
        assertEquals(7, s.seed());
        assertEquals(50000, s.legacyAgents());
        assertEquals(0.25, s.legacyChangeShare());
        assertEquals(WindowMode.ON, s.windowMode());
        assertEquals(new WindowSchedule(DayOfWeek.MONDAY, LocalTime.of(13, 30), LocalTime.of(14, 0),
                ZoneId.of("Europe/Paris")), s.windowSchedule());
        assertEquals(0, s.latencyMedianMs());
        assertEquals(300, s.rateLimitPerMinute(), "blank means default");
        assertEquals("sandbox-client", s.clientId());
    }

    @Test
    void badValuesNameTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SandboxSettings.fromProperties(Map.of("sandbox.genesys.concurrentLimit", "ten")::get));
        assertTrue(e.getMessage().contains("sandbox.genesys.concurrentLimit"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SandboxSettings.builder().perEventConflictShare(1.5).build());
        assertThrows(IllegalArgumentException.class,
                () -> SandboxSettings.builder().windowStart(LocalTime.of(10, 0)).windowEnd(LocalTime.of(9, 0)).build());
    }

    @Test
    void keysListsExactlyTheKeysFromPropertiesReads() {
        List<String> asked = new ArrayList<>();
        SandboxSettings.fromProperties(key -> {
            asked.add(key);
            return null;
        });
        assertEquals(SandboxSettings.KEYS, asked, "a host checks sandbox.* keys against KEYS: it must be complete");
    }

    @Test
    void toBuilderCopiesEverything() {
        SandboxSettings s = SandboxSettings.builder().seed(9).legacyAgents(10).noLatency().build();
        assertEquals(s, s.toBuilder().build());
    }

    @Test
    void scheduleCoversTuesdayMorningInChicagoOnly() {
        WindowSchedule schedule = SandboxSettings.defaults().windowSchedule();
        // 2026-11-24 is a Tuesday; Chicago is UTC-6 in November.
        assertTrue(schedule.contains(Instant.parse("2026-11-24T15:00:00Z")));
        assertTrue(schedule.contains(Instant.parse("2026-11-24T15:59:59Z")));
        assertFalse(schedule.contains(Instant.parse("2026-11-24T16:00:00Z")));
        assertFalse(schedule.contains(Instant.parse("2026-11-24T14:59:59Z")));
        assertFalse(schedule.contains(Instant.parse("2026-11-23T15:30:00Z")));
    }
}
