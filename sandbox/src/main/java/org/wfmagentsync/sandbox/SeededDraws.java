package org.wfmagentsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/** Random draws keyed by (seed, purpose, index), so each outcome depends on what it is about, not on thread timing. */
final class SeededDraws {

    /** Purposes of draws; each gets its own independent stream. */
    enum Purpose { TOKEN, CORRELATION, FAILURE, LATENCY, CONFLICT }

    private final long seed;

    SeededDraws(long seed) {
        this.seed = seed;
    }

    /** A generator for one (purpose, index) pair; cheap to create. */
    SplittableRandom random(Purpose purpose, long index) {
        // SplittableRandom mixes its seed, so nearby keys still give unrelated streams.
        long key = seed * 0x9E3779B97F4A7C15L + (purpose.ordinal() + 1L) * 0xBF58476D1CE4E5B9L + index;
        return new SplittableRandom(key);
    }

    /** A uniform value in [0, 1) for (purpose, index). */
    double uniform(Purpose purpose, long index) {
        return random(purpose, index).nextDouble();
    }

    /** A uniform value in [0, 1) for (purpose, text), e.g. keyed by an eventId. */
    double uniform(Purpose purpose, String text) {
        return uniform(purpose, fnv64(text));
    }

    /** A random-looking but reproducible UUID for (purpose, index). */
    UUID uuid(Purpose purpose, long index) {
        SplittableRandom random = random(purpose, index);
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** 64-bit FNV-1a over UTF-8 bytes: a stable hash, unlike String.hashCode's 32 bits. */
    static long fnv64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
