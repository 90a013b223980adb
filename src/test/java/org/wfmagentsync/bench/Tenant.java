package org.wfmagentsync.bench;

import java.time.Instant;
import org.wfmagentsync.sandbox.GenesysSimulator;

/**
 * What a client that knows the simulated tenant's limits reads of them (only the oracle does): in the
 * harness's JVM the simulator itself, in a strategy's own JVM what {@link StrategyFork} was told.
 */
interface Tenant {

    /** The concurrent-session limit in force now. */
    int concurrentLimitNow();

    /** Where the tenant's one-minute rate windows start. */
    Instant rateWindowOrigin();

    /** The simulator's own figures, read live. */
    static Tenant of(GenesysSimulator genesys) {
        return new Tenant() {
            @Override
            public int concurrentLimitNow() {
                return genesys.concurrentLimitNow();
            }

            @Override
            public Instant rateWindowOrigin() {
                return genesys.rateWindowOrigin();
            }
        };
    }
}
