package org.wfmagentsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The suggestion beside an unknown key: the nearest known name when it is near, nothing when it is a guess. */
class ClosestNameTest {

    private static final List<String> KNOWN = List.of("wfm.push.batch-size", "wfm.push.max-concurrent", "wfm.mode",
            "genesys.client-id", "genesys.client-secret");

    @Test
    void a_missing_dash_a_changed_case_or_a_typo_finds_the_key_meant() {
        assertEquals(Optional.of("wfm.push.batch-size"), ClosestName.among("wfm.push.batchsize", KNOWN));
        assertEquals(Optional.of("wfm.push.batch-size"), ClosestName.among("wfm.push.batchSize", KNOWN));
        assertEquals(Optional.of("wfm.push.max-concurrent"), ClosestName.among("wfm.push.max-concurency", KNOWN));
        assertEquals(Optional.of("genesys.client-id"), ClosestName.among("genesys.clientid", KNOWN));
    }

    @Test
    void a_name_far_from_every_key_finds_nothing() {
        assertEquals(Optional.empty(), ClosestName.among("wfm.foo", KNOWN));
        assertEquals(Optional.empty(), ClosestName.among("wfm.push.parallel-requests", KNOWN));
    }

    @Test
    void the_distance_counts_insertions_deletions_and_substitutions() {
        assertEquals(0, ClosestName.distance("abc", "abc"));
        assertEquals(1, ClosestName.distance("batchsize", "batch-size"));
        assertEquals(3, ClosestName.distance("kitten", "sitting"));
        assertEquals(3, ClosestName.distance("", "abc"));
    }
}
