package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adaptive concurrency limit's rules, one by one, driven request by request (no clock, no threads). */
class ConcurrencyLimitTest {

    /** A busy client: it keeps as many requests in flight as the limit admits. */
    private static final class Client {
        final ConcurrencyLimit limit;
        final List<ConcurrencyLimit.Permit> inFlight = new ArrayList<>();

        Client(ConcurrencyLimit limit) {
            this.limit = limit;
        }

        /** Sends until the limit says no. */
        Client fill() {
            for (ConcurrencyLimit.Permit permit; (permit = limit.tryAcquire()) != null; ) {
                inFlight.add(permit);
            }
            return this;
        }

        /** One round trip: every request in flight succeeds, and each freed slot is taken again at once. */
        void roundTripOfSuccesses() {
            fill();
            List<ConcurrencyLimit.Permit> answered = new ArrayList<>(inFlight);
            inFlight.clear();
            for (ConcurrencyLimit.Permit permit : answered) {
                limit.succeeded(permit);
                fill();
            }
        }

        /** The newest request in flight (the one that took the highest level) is refused. */
        void newestRefused(boolean concurrency) {
            fill();
            limit.rejected(inFlight.remove(inFlight.size() - 1), concurrency);
        }

        /** The {@code count} oldest requests in flight are refused too (sent before any cut they cause). */
        void oldestRefused(int count) {
            for (int i = 0; i < count; i++) {
                limit.rejected(inFlight.remove(0), true);
            }
        }

        /** Every other request in flight succeeds, without new sends. */
        void drainWithSuccess() {
            inFlight.forEach(limit::succeeded);
            inFlight.clear();
        }

        int roundTripsUntil(int level) {
            int rounds = 0;
            while (limit.current() < level && rounds < 10_000) {
                roundTripOfSuccesses();
                rounds++;
            }
            return rounds;
        }
    }

    @Test
    void admits_no_more_requests_than_the_limit() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 16);
        limit.restart(3);
        assertEquals(3, new Client(limit).fill().inFlight.size());
        assertNull(limit.tryAcquire(), "a fourth request waits");
        assertEquals(3, limit.inFlight());
    }

    @Test
    void grows_by_about_one_per_round_trip_while_requests_succeed() {
        ConcurrencyLimit limit = new ConcurrencyLimit(40, 0.5, 1);
        limit.restart(4);
        Client client = new Client(limit);
        client.roundTripOfSuccesses(); // the start level is known to work: one round trip's probe wait
        int before = limit.current();
        for (int i = 0; i < 10; i++) {
            client.roundTripOfSuccesses();
        }
        int grown = limit.current() - before;
        assertTrue(grown >= 8 && grown <= 12, "about +1 per round trip over 10 round trips, got +" + grown);
    }

    @Test
    void a_success_while_the_limit_is_not_used_does_not_raise_it() {
        ConcurrencyLimit limit = new ConcurrencyLimit(20, 0.5, 1);
        limit.restart(5);
        for (int i = 0; i < 50; i++) {
            limit.succeeded(limit.tryAcquire()); // one request at a time: the limit of 5 is never used
        }
        assertEquals(5, limit.current());
    }

    @Test
    void never_grows_above_the_ceiling() {
        ConcurrencyLimit limit = new ConcurrencyLimit(6, 0.5, 1);
        limit.restart(2);
        Client client = new Client(limit);
        for (int i = 0; i < 40; i++) {
            client.roundTripOfSuccesses();
        }
        assertEquals(6, limit.current());
        assertEquals(6, limit.highest());
        assertEquals(6, client.inFlight.size());
    }

    @Test
    void a_capacity_conflict_shrinks_the_limit_multiplicatively() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 16);
        limit.restart(10);
        new Client(limit).newestRefused(true);
        assertEquals(5, limit.current());
    }

    @Test
    void rejections_of_requests_sent_before_the_cut_do_not_cut_again() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 16);
        limit.restart(10);
        Client client = new Client(limit).fill();
        for (int i = 0; i < 5; i++) {
            limit.rejected(client.inFlight.remove(client.inFlight.size() - 1), true); // one overload, five answers
        }
        assertEquals(5, limit.current(), "one cut for one overload");
        client.drainWithSuccess();
        client.newestRefused(true); // refused again under the new limit: that is a new signal
        assertEquals(2, limit.current());
    }

    @Test
    void after_a_409_cut_the_others_in_flight_did_not_share_the_limit_doubles_back_to_below_the_cut_level() {
        ConcurrencyLimit limit = new ConcurrencyLimit(40, 0.3, 32);
        limit.restart(30); // 30 known to work
        Client client = new Client(limit);
        client.newestRefused(true); // one request over the tenant's limit: the others were not refused
        assertEquals(9, limit.current(), "cut by the ratio");
        client.drainWithSuccess();
        int rounds = client.roundTripsUntil(29);
        assertTrue(rounds <= 3, "back at 29 (the refused 30 less one) in " + rounds + " round trips, not about 20");
        for (int i = 0; i < 5; i++) {
            client.roundTripOfSuccesses();
        }
        assertEquals(29, limit.current(), "and holds below the refused level");
    }

    @Test
    void after_a_409_cut_most_others_in_flight_shared_the_limit_grows_back_by_about_one_per_round_trip() {
        ConcurrencyLimit limit = new ConcurrencyLimit(40, 0.3, 32);
        limit.restart(10);
        Client client = new Client(limit);
        client.newestRefused(true); // the tenant's limit fell from 10 to 3: most of what is in flight is refused
        client.oldestRefused(6);
        assertEquals(3, limit.current());
        client.drainWithSuccess();
        client.roundTripOfSuccesses();
        client.roundTripOfSuccesses();
        assertTrue(limit.current() <= 4, "no fast recovery past the 3 the refusals show, got " + limit.current());
    }

    @Test
    void a_409_during_a_fast_recovery_goes_back_one_and_ends_it() {
        ConcurrencyLimit limit = new ConcurrencyLimit(40, 0.3, 32);
        limit.restart(30);
        Client client = new Client(limit);
        client.newestRefused(true);
        client.drainWithSuccess();
        client.roundTripOfSuccesses(); // 9 -> 18
        int reached = limit.current();
        assertTrue(reached > 9 && reached < 29, "recovering, got " + reached);
        client.newestRefused(true); // the level the recovery just reached was too far
        assertEquals(reached - 1, limit.current());
        client.drainWithSuccess();
        client.roundTripOfSuccesses();
        client.roundTripOfSuccesses();
        assertTrue(limit.current() <= reached, "about one per round trip from there, got " + limit.current());
    }

    @Test
    void never_shrinks_below_one() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 16);
        limit.restart(1);
        for (int i = 0; i < 5; i++) {
            limit.rejected(limit.tryAcquire(), true);
        }
        assertEquals(1, limit.current());
        assertNotNull(limit.tryAcquire(), "one request may always go");
    }

    @Test
    void holds_below_a_refused_level_until_the_probe_wait_is_over_then_probes_it() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 4);
        limit.restart(4);
        Client client = new Client(limit);
        client.newestRefused(true); // the 4th request in flight is refused: 4 is too many
        client.drainWithSuccess();
        assertEquals(2, limit.current());
        int rounds = 0;
        while (limit.current() < 4 && rounds < 100) {
            client.roundTripOfSuccesses();
            rounds++;
            assertTrue(limit.current() <= 3 || rounds >= 4, "holds at 3 during the wait, got " + limit.current());
        }
        assertEquals(4, limit.current(), "probes the refused level again after the wait");
        assertTrue(rounds >= 4, "not before the probe wait of 4 round trips; probed after " + rounds);
    }

    @Test
    void a_failed_probe_doubles_the_wait_before_the_next_one() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 4);
        limit.restart(3); // the start level is known to work; 4 is tried after the wait
        Client client = new Client(limit);
        int firstWait = client.roundTripsUntil(4);
        client.newestRefused(true); // the tenant's limit really is 3
        client.drainWithSuccess();
        int secondWait = client.roundTripsUntil(4);
        assertTrue(secondWait >= 2 * firstWait - 1,
                "the wait doubles after a failed probe: first " + firstWait + ", then " + secondWait);
    }

    @Test
    void a_429_shrinks_the_limit_but_does_not_mark_the_level_as_refused() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 1000);
        limit.restart(10);
        Client client = new Client(limit);
        client.newestRefused(false);
        assertEquals(5, limit.current());
        client.drainWithSuccess();
        int rounds = client.roundTripsUntil(10);
        assertEquals(10, limit.current());
        assertTrue(rounds <= 8, "grows back without the probe wait of 1000 round trips; took " + rounds);
    }

    @Test
    void a_run_starts_from_the_given_level_and_forgets_the_last_run() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 16);
        limit.restart(10);
        Client client = new Client(limit);
        client.newestRefused(true);
        client.drainWithSuccess();
        limit.restart(3);
        assertEquals(3, limit.current());
        assertEquals(3, limit.lowest());
        assertEquals(3, limit.highest());
    }

    @Test
    void rejects_a_nonsense_configuration() {
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(0, 0.5, 16));
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(10, 1.0, 16));
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(10, 0, 16));
    }

    @Test
    void a_409_just_after_growing_to_a_level_steps_back_one_instead_of_cutting() {
        ConcurrencyLimit limit = new ConcurrencyLimit(20, 0.5, 1);
        limit.restart(6);
        Client client = new Client(limit);
        client.roundTripsUntil(8); // grew through 7 to 8
        assertEquals(8, limit.current());
        client.newestRefused(true); // the 8th in flight is refused right after the step to 8
        assertEquals(7, limit.current(), "7 worked, so back to 7, not 4");
    }

    @Test
    void a_run_told_not_to_probe_stays_at_its_start_however_long_it_succeeds() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.3, 4);
        limit.restart(3, 3, false); // learned recently: 4 was refused
        Client client = new Client(limit);
        for (int round = 0; round < 200; round++) {
            client.roundTripOfSuccesses();
        }
        assertEquals(3, limit.current(), "no probe of 4 in this run");
        assertEquals(3, limit.highest());
    }

    @Test
    void a_start_above_the_level_known_to_work_steps_back_one_on_a_409() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.3, 32);
        limit.restart(4, 3, true); // learned 3 a step ago: 4 is tried at once
        Client client = new Client(limit);
        client.newestRefused(true);
        assertEquals(3, limit.current(), "3 is known to work: back to 3, not cut to 1");
        assertEquals(4, limit.refusedInRun());
    }

    @Test
    void the_run_remembers_the_lowest_level_refused_unless_a_later_probe_worked() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 2);
        limit.restart(10);
        Client client = new Client(limit);
        assertEquals(0, limit.refusedInRun(), "nothing refused yet");
        client.newestRefused(true); // 10 in flight refused
        client.oldestRefused(4); // and 4 of the other 9: the tenant's limit fell to about 5
        client.drainWithSuccess();
        client.roundTripsUntil(6);
        client.newestRefused(true); // 6 refused: the tenant takes 5
        client.drainWithSuccess();
        assertEquals(6, limit.refusedInRun());
        client.roundTripsUntil(6); // the probe of 6 is admitted...
        client.roundTripOfSuccesses(); // (what was sent before it is answered)
        client.roundTripOfSuccesses(); // ...and a round trip at 6 works: the tenant's limit rose
        assertEquals(0, limit.refusedInRun(), "a refused level that later worked is no longer learned");
    }

    @Test
    void a_refused_request_counts_at_the_most_requests_in_flight_while_it_was_not_at_its_send() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.3, 32);
        limit.restart(10);
        ConcurrencyLimit.Permit overtaken = limit.tryAcquire(); // sent with 1 in flight
        List<ConcurrencyLimit.Permit> others = List.of(limit.tryAcquire(), limit.tryAcquire(), limit.tryAcquire());
        others.forEach(limit::succeeded); // they passed it on the way and are answered: 1 in flight again
        limit.rejected(overtaken, true);
        assertEquals(4, limit.refusedInRun(), "4 were in flight while it was, so 4 overflowed; not 1, nor 2");
    }

    @Test
    void a_refusal_of_a_request_sent_before_the_last_decrease_is_not_learned() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.3, 32);
        limit.restart(10);
        List<ConcurrencyLimit.Permit> early = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            early.add(limit.tryAcquire());
        }
        early.subList(0, 6).forEach(limit::succeeded); // 2 left in flight
        ConcurrencyLimit.Permit late = limit.tryAcquire(); // sent with 3 in flight, before the decrease
        limit.rejected(early.get(7), true); // 8 refused: the limit is cut
        assertEquals(8, limit.refusedInRun());
        limit.rejected(late, true); // refused for what the old limit let through
        assertEquals(8, limit.refusedInRun(), "the request sent before the cut says nothing of 3");
    }

    @Test
    void one_success_at_the_refused_level_does_not_erase_it_a_round_trip_of_them_sent_after_it_does() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 1);
        limit.restart(4, 3, true);
        List<ConcurrencyLimit.Permit> atFour = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            atFour.add(limit.tryAcquire());
        }
        limit.rejected(atFour.get(3), true); // 4 refused: back to 3
        assertEquals(4, limit.refusedInRun());
        atFour.subList(0, 3).forEach(limit::succeeded); // sent at up to 3, and before the refusal
        assertEquals(4, limit.refusedInRun(), "successes sent before the refusal do not erase it");

        Client client = new Client(limit);
        client.roundTripsUntil(4); // the probe of 4
        client.fill();
        ConcurrencyLimit.Permit first = client.inFlight.remove(client.inFlight.size() - 1);
        assertEquals(4, first.inFlightAtSend());
        limit.succeeded(first);
        assertEquals(4, limit.refusedInRun(), "one success at 4: the others may not have reached the server yet");
        client.roundTripOfSuccesses(); // answers those sent before the probe
        client.roundTripOfSuccesses(); // answers those sent at 4
        assertEquals(0, limit.refusedInRun(), "a round trip of successes at 4: the tenant takes 4 now");
    }

    @Test
    void a_new_refusal_restarts_the_count_of_successes_that_would_erase_the_level() {
        ConcurrencyLimit limit = new ConcurrencyLimit(10, 0.5, 1);
        limit.restart(4, 3, true);
        Client client = new Client(limit);
        client.newestRefused(true); // 4 refused
        client.drainWithSuccess();
        client.roundTripsUntil(4);
        client.fill();
        for (int i = 0; i < 3; i++) { // three of four successes at 4...
            limit.succeeded(client.inFlight.remove(0));
        }
        client.newestRefused(true); // ...then 4 is refused again
        client.drainWithSuccess();
        client.roundTripsUntil(4);
        client.fill();
        limit.succeeded(client.inFlight.remove(0));
        assertEquals(4, limit.refusedInRun(), "the count starts again after the new refusal");
    }

    @Test
    void a_slow_start_doubles_the_limit_each_round_trip_until_the_ceiling() {
        ConcurrencyLimit limit = new ConcurrencyLimit(40, 0.3, 32);
        limit.restart(5, 5, true, true);
        Client client = new Client(limit);
        List<Integer> levels = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            client.roundTripOfSuccesses();
            levels.add(limit.current());
        }
        // 5 to 8 first: the first requests of the run left with the limit far from used, and their successes do
        // not count; from then on every slot is in use and the limit doubles
        assertEquals(List.of(8, 16, 32, 40), levels, "doubling per round trip, then held at the ceiling");
        assertEquals(false, limit.slowStart(), "the ceiling ends the slow start");
    }

    @Test
    void a_first_409_in_slow_start_ends_it_at_the_requests_sent_before_the_refused_one_still_in_flight() {
        ConcurrencyLimit limit = new ConcurrencyLimit(64, 0.3, 32);
        limit.restart(8, 8, true, true);
        Client client = new Client(limit);
        client.roundTripOfSuccesses();
        client.roundTripOfSuccesses();
        int reached = limit.current();
        assertTrue(reached > 21, "two round trips of doubling from 8: " + reached);
        client.fill();
        // a tenant limit of 20: the server holds the 20 oldest and refuses the 21st
        limit.rejected(client.inFlight.remove(20), true);
        assertEquals(20, limit.current(), "the 20 the server held when it refused");
        assertEquals(false, limit.slowStart());
        assertEquals(reached, limit.refusedInRun(), "the refused level is learned as ever");
    }

    @Test
    void a_first_409_in_slow_start_never_ends_it_below_half_the_limit() {
        ConcurrencyLimit limit = new ConcurrencyLimit(64, 0.3, 32);
        limit.restart(8, 8, true, true);
        Client client = new Client(limit);
        client.roundTripOfSuccesses();
        int reached = limit.current();
        client.fill();
        limit.rejected(client.inFlight.remove(0), true); // the oldest refused: the server held none of the others
        assertEquals(reached / 2, limit.current(), "half the limit: about the level of the last round trip that worked");
    }

    @Test
    void after_a_slow_start_a_409_one_level_up_steps_back_one_and_the_limit_then_holds() {
        ConcurrencyLimit limit = new ConcurrencyLimit(64, 0.3, 32);
        limit.restart(8, 8, true, true);
        Client client = new Client(limit);
        client.roundTripOfSuccesses();
        client.roundTripOfSuccesses();
        client.fill();
        limit.rejected(client.inFlight.remove(20), true);
        client.drainWithSuccess(); // sent before the cut: says nothing about the new limit
        client.roundTripsUntil(21);
        assertEquals(21, limit.current());
        client.newestRefused(true); // 21 is one too many
        assertEquals(20, limit.current(), "back by one, not cut by the ratio");
        client.drainWithSuccess();
        for (int i = 0; i < 20; i++) {
            client.roundTripOfSuccesses();
        }
        assertEquals(20, limit.current(), "held below the refused level until the probe wait is over");
    }

    @Test
    void a_first_429_in_slow_start_ends_it_with_the_usual_cut() {
        ConcurrencyLimit limit = new ConcurrencyLimit(64, 0.3, 32);
        limit.restart(8, 8, true, true);
        Client client = new Client(limit);
        client.roundTripOfSuccesses();
        int reached = limit.current();
        client.newestRefused(false);
        assertEquals((int) Math.floor(reached * 0.3), limit.current(), "the limit times 0.3, rounded down");
        client.drainWithSuccess();
        client.roundTripOfSuccesses();
        assertTrue(limit.current() <= (int) Math.floor(reached * 0.3) + 1,
                "then about one more per round trip, not doubling: " + limit.current());
        assertEquals(0, limit.refusedInRun(), "a 429 refuses no level");
    }

    @Test
    void a_restart_without_slow_start_holds_the_start_as_known_to_work_after_a_run_that_had_one() {
        ConcurrencyLimit limit = new ConcurrencyLimit(64, 0.3, 32);
        limit.restart(8, 8, true, true);
        Client first = new Client(limit);
        first.roundTripOfSuccesses();
        first.drainWithSuccess();
        limit.restart(8, 8, true);
        Client client = new Client(limit);
        for (int i = 0; i < 10; i++) {
            client.roundTripOfSuccesses();
        }
        assertEquals(8, limit.current(), "a learned or the window's start waits out the probe wait");
        assertEquals(false, limit.slowStart());
    }
}
