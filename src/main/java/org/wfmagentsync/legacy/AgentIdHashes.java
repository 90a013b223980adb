package org.wfmagentsync.legacy;

/**
 * The feed's first pass keeps this instead of the agent ids: a 64-bit hash of each id, in an
 * open-addressing table of {@code long}s (8 to 16 bytes an agent, against about 100 for a set of the
 * ids as strings), and apart the few hashes seen more than once. A hash says only "maybe the same
 * agent": two ids that collide are both treated as repeated, and the pass that settles repeated
 * agents compares the ids themselves, so a collision costs a little work, never a wrong answer.
 */
final class AgentIdHashes {

    private static final long EMPTY = 0;

    private long[] seen = new long[1 << 10];
    private int seenCount;
    private long[] repeated = new long[16];
    private int repeatedCount;

    /** Notes one row's agent id. */
    void add(String agentId) {
        long hash = hash(agentId);
        if (!insert(hash)) {
            insertRepeated(hash);
        }
    }

    /** Whether the id's hash was seen more than once: the id may be a repeated agent. */
    boolean maybeRepeated(String agentId) {
        return repeatedCount > 0 && contains(repeated, hash(agentId));
    }

    boolean anyRepeated() {
        return repeatedCount > 0;
    }

    /** The first pass is over: only the repeated hashes are needed from here on. */
    void forgetSeen() {
        seen = new long[1];
        seenCount = 0;
    }

    /** False when the hash was there already. */
    private boolean insert(long hash) {
        if ((seenCount + 1) * 2L > seen.length) {
            seen = rehash(seen, seen.length * 2);
        }
        int mask = seen.length - 1;
        for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
            if (seen[slot] == EMPTY) {
                seen[slot] = hash;
                seenCount++;
                return true;
            }
            if (seen[slot] == hash) {
                return false;
            }
        }
    }

    private void insertRepeated(long hash) {
        if ((repeatedCount + 1) * 2L > repeated.length) {
            repeated = rehash(repeated, repeated.length * 2);
        }
        int mask = repeated.length - 1;
        for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
            if (repeated[slot] == EMPTY) {
                repeated[slot] = hash;
                repeatedCount++;
                return;
            }
            if (repeated[slot] == hash) {
                return;
            }
        }
    }

    private static boolean contains(long[] table, long hash) {
        int mask = table.length - 1;
        for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
            if (table[slot] == EMPTY) {
                return false;
            }
            if (table[slot] == hash) {
                return true;
            }
        }
    }

    private static long[] rehash(long[] table, int size) {
        long[] bigger = new long[size];
        int mask = size - 1;
        for (long hash : table) {
            if (hash == EMPTY) {
                continue;
            }
            int slot = slot(hash, mask);
            while (bigger[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = hash;
        }
        return bigger;
    }

    private static int slot(long hash, int mask) {
        return (int) (hash ^ (hash >>> 32)) & mask;
    }

    /** FNV-1a over the id's characters, then a finalizer that spreads the bits; never {@link #EMPTY}. */
    static long hash(String agentId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < agentId.length(); i++) {
            h ^= agentId.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    @Override
    public String toString() {
        return seenCount + " seen, " + repeatedCount + " repeated";
    }
}
