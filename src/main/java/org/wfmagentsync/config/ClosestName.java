package org.wfmagentsync.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name nearest to a misspelt one, by edit distance (Levenshtein, ignoring case), when it
 * is near enough to be the one meant: at most a quarter of the name's length, and at least two
 * edits, so that {@code wfm.push.batchsize} finds {@code wfm.push.batch-size} but {@code wfm.foo}
 * finds nothing rather than a guess.
 */
public final class ClosestName {

    private ClosestName() {
    }

    /** The first of {@code known} (in its order) nearest to {@code name}, if near enough. */
    public static Optional<String> among(String name, Collection<String> known) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int bound = Math.max(2, name.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= bound ? Optional.of(best) : Optional.empty();
    }

    /** Insertions, deletions and substitutions that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
