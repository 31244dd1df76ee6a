package org.kepu.shared.ids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): the Unix millisecond in the high 48 bits, then 74 random bits.
 * PostgreSQL orders uuids bytewise, so rows keyed by them go into the right edge of their primary key's
 * B-tree, where a random (version 4) key lands on any page: a page to read, and after every checkpoint a
 * full-page image in the WAL, per row. Not for secrets: they tell when they were made, and the random bits
 * come from {@link ThreadLocalRandom}.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {}

    /** A new id for now. */
    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long unixMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
