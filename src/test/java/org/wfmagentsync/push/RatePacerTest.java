package org.wfmagentsync.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rate pacer's rules on an explicit millisecond time line. */
class RatePacerTest {

    @Test
    void once_aligned_lets_the_ceiling_through_in_a_minute_then_waits_for_the_next_minute() {
        RatePacer pacer = new RatePacer(3);
        pacer.retryAfter(1_000, 0); // the server has told where its windows start (here: with ours)
        for (long t = 1_000; t < 1_003; t++) {
            pacer.sent(t);
        }
        assertEquals(60_000 - 3, pacer.waitMillis(1_003), "the 4th request waits until the window that began at 1,000 ends");
        assertEquals(0, pacer.waitMillis(61_000));
    }

    @Test
    void retry_after_pauses_every_request_until_the_time_named() {
        RatePacer pacer = new RatePacer(300);
        pacer.sent(0);
        pacer.retryAfter(5_000, 19_000);
        assertTrue(pacer.paused(5_001));
        assertEquals(18_000, pacer.waitMillis(6_000));
        assertEquals(0, pacer.waitMillis(24_000));
        assertFalse(pacer.paused(24_000));
        assertEquals(1, pacer.pauses());
    }

    @Test
    void after_a_pause_a_new_window_starts_where_the_server_said() {
        RatePacer pacer = new RatePacer(2);
        pacer.sent(0);
        pacer.retryAfter(10_000, 20_000); // the server's window ends at 30,000, ours would at 60,000
        pacer.sent(30_000);
        pacer.sent(30_001);
        assertEquals(60_000 - 2, pacer.waitMillis(30_002), "the ceiling counts from the server's window start");
        assertEquals(0, pacer.waitMillis(90_000));
    }

    @Test
    void a_shorter_retry_after_does_not_shorten_a_pause() {
        RatePacer pacer = new RatePacer(300);
        pacer.retryAfter(0, 10_000);
        pacer.retryAfter(1_000, 2_000);
        assertEquals(9_000, pacer.waitMillis(1_000));
        assertEquals(1, pacer.pauses());
    }

    @Test
    void with_its_window_full_and_not_yet_aligned_it_asks_the_server_one_request_at_a_time() {
        RatePacer pacer = new RatePacer(2);
        pacer.sent(0);
        pacer.sent(1);
        assertEquals(0, pacer.waitMillis(10_000), "one request may ask whether the server's window moved on");
        assertTrue(pacer.sent(10_000), "that request is the one asking");
        assertEquals(49_999, pacer.waitMillis(10_001), "the others wait for its answer");
        // the server answers 429 Retry-After 20 s: its window ends at 30,005; ours now lines up with it
        pacer.retryAfter(10_005, 20_000);
        assertEquals(20_000, pacer.waitMillis(10_005));
        pacer.sent(30_005);
        pacer.sent(30_006);
        assertEquals(60_000 - 1, pacer.waitMillis(30_006), "aligned: a full window waits without asking");
    }

    @Test
    void the_request_that_would_ask_is_known_before_it_is_sent_so_that_it_can_wait_for_the_others() {
        RatePacer pacer = new RatePacer(2);
        assertFalse(pacer.nextAsks(0), "a fresh window: no question");
        pacer.sent(0);
        assertFalse(pacer.nextAsks(1));
        pacer.sent(1);
        assertTrue(pacer.nextAsks(10_000), "full and not aligned: the next request asks");
        assertFalse(pacer.nextAsks(60_000), "the window is over: the next request starts a new one");
        pacer.retryAfter(10_005, 20_000);
        assertFalse(pacer.nextAsks(20_000), "paused: no request goes");
        pacer.sent(30_005);
        assertFalse(pacer.nextAsks(30_006), "one of two used in the aligned window");
    }

    @Test
    void a_question_the_server_accepts_starts_a_new_window_with_it() {
        RatePacer pacer = new RatePacer(2);
        pacer.sent(0);
        pacer.sent(1);
        assertTrue(pacer.sent(10_000));
        pacer.asked(10_050, true);
        assertEquals(0, pacer.waitMillis(10_060), "one of two used in the new window");
        pacer.sent(10_060);
        assertEquals(0, pacer.waitMillis(10_070), "full again and still not aligned: ask again");
    }
}
