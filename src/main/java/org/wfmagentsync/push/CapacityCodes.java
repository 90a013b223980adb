package org.wfmagentsync.push;

import java.util.Set;

/**
 * Which 409 error codes mean "capacity, try again" rather than a real data conflict
 * ({@code wfm.retry.conflict-codes}; {@code *} for every code). The push gate shrinks its limit on
 * them and the retry policy retries them.
 */
public record CapacityCodes(Set<String> codes) {

    public CapacityCodes {
        codes = Set.copyOf(codes);
    }

    public boolean isCapacity(String code) {
        return code != null && (codes.contains(code) || codes.contains("*"));
    }
}
