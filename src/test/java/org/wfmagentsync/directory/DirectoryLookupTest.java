package org.wfmagentsync.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DirectoryUser;
import org.wfmagentsync.model.PresenceDefinition;

/** The directory's look-up rules, one by one, without HTTP or a database. */
class DirectoryLookupTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static final Directory ORG = Directory.unread("never").withUsers(List.of(
            new DirectoryUser("u-1", "Ana", "Ana@Example.com", "ana.login", "E1"),
            new DirectoryUser("u-2", "Ben", "ben@example.com", "ben.login", "E2"),
            new DirectoryUser("u-3", "Bea", "bea@example.com", "bea.login", "E2")), T).withPresences(List.of(
            new PresenceDefinition("p-available", "Available", "System", Map.of("en_US", "Available"), "Available", false),
            new PresenceDefinition("p-meal", "Meal", "System", Map.of("en_US", "Meal"), "Meal", false),
            new PresenceDefinition("p-lunch", "Lunch", "User", Map.of("en_US", "Lunch", "fr", "D\u00e9jeuner"), "Meal", false),
            new PresenceDefinition("p-old-lunch", "Lunch", "User", Map.of("en_US", "Lunch"), "Meal", true),
            new PresenceDefinition("p-smoke", "Smoke break", "User", Map.of("en_US", "Smoke break"), "Break", true),
            new PresenceDefinition("p-focus-1", "Focus", "User", Map.of("en_US", "Focus"), "Busy", false),
            new PresenceDefinition("p-focus-2", "Focus", "User", Map.of("en_US", "Focus"), "Busy", false)), T);

    @Test
    void a_user_is_found_by_email_username_or_employee_id_in_any_case() {
        assertEquals("u-1", ORG.user(UserKey.EMAIL, " ana@example.COM ").id());
        assertEquals("u-1", ORG.user(UserKey.USERNAME, "ANA.LOGIN").id());
        assertEquals("u-1", ORG.user(UserKey.EMPLOYEE_ID, "e1").id());
        assertEquals(T, ORG.user(UserKey.EMAIL, "ana@example.com").refreshedAt());
    }

    @Test
    void an_unknown_name_is_none_and_a_shared_employee_id_is_ambiguous() {
        assertEquals(Directory.Outcome.NONE, ORG.user(UserKey.EMAIL, "cy@example.com").outcome());
        Directory.Lookup shared = ORG.user(UserKey.EMPLOYEE_ID, "E2");
        assertEquals(Directory.Outcome.AMBIGUOUS, shared.outcome());
        assertEquals(List.of("u-2", "u-3"), shared.ids());
        assertNull(shared.id());
    }

    @Test
    void a_system_presence_is_genesys_own_definition_not_one_the_org_added_under_it() {
        assertEquals("p-meal", ORG.presence(PresenceKey.SYSTEM_PRESENCE, "Meal").id());
        assertEquals(Directory.Outcome.NONE, ORG.presence(PresenceKey.SYSTEM_PRESENCE, "OnQueue").outcome());
    }

    @Test
    void a_label_matches_in_any_language_and_an_active_definition_wins_over_a_deactivated_one() {
        assertEquals("p-lunch", ORG.presence(PresenceKey.LABEL, "d\u00e9jeuner").id());
        assertEquals("p-lunch", ORG.presence(PresenceKey.LABEL, "LUNCH").id(), "the deactivated Lunch is history");
        Directory.Lookup smoke = ORG.presence(PresenceKey.LABEL, "Smoke break");
        assertEquals(Directory.Outcome.DEACTIVATED, smoke.outcome());
        assertEquals(List.of("p-smoke"), smoke.ids());
        Directory.Lookup focus = ORG.presence(PresenceKey.LABEL, "Focus");
        assertEquals(Directory.Outcome.AMBIGUOUS, focus.outcome());
        assertEquals(List.of("p-focus-1", "p-focus-2"), focus.ids());
    }

    @Test
    void a_part_never_read_says_why_and_the_other_part_still_answers() {
        Directory usersOnly = Directory.unread("never").withUsers(List.of(), T).unreadBecause("a", "the read failed");
        Directory.Lookup presence = usersOnly.presence(PresenceKey.LABEL, "Lunch");
        assertEquals(Directory.Outcome.UNAVAILABLE, presence.outcome());
        assertEquals("the read failed", presence.unavailable());
        assertEquals(Directory.Outcome.NONE, usersOnly.user(UserKey.EMAIL, "ana@example.com").outcome());
    }

    @Test
    void system_presences_are_spelt_as_genesys_writes_them_whatever_the_file_says() {
        assertEquals("OnQueue", SystemPresences.of("On Queue").orElseThrow());
        assertEquals("OnQueue", SystemPresences.of("ON_QUEUE").orElseThrow());
        assertEquals("Available", SystemPresences.of("available").orElseThrow());
        assertEquals(10, SystemPresences.ALL.size());
        assertEquals(java.util.Optional.empty(), SystemPresences.of("Lunch"));
    }
}
