package org.truce.log.file;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Deterministic entries that carry their own number, so any entry read back can be checked. */
final class TestEntries {
    private TestEntries() {}

    /** Entry number {@code n}: 8 bytes of n, then 0 to 3,999 pattern bytes derived from n. */
    static byte[] numbered(long n) {
        int patternBytes = (int) Math.floorMod(n * 2_654_435_761L, 4_000L);
        ByteBuffer entry = ByteBuffer.allocate(Long.BYTES + patternBytes).putLong(n);
        for (int i = 0; i < patternBytes; i++) {
            entry.put((byte) (n * 31 + i));
        }
        return entry.array();
    }

    /** The number of a well-formed numbered entry; fails if the entry is not exactly numbered(n). */
    static long numberOf(byte[] entry) {
        if (entry.length < Long.BYTES) {
            throw new AssertionError("entry of " + entry.length + " bytes is not a numbered entry");
        }
        long n = ByteBuffer.wrap(entry).getLong();
        if (!Arrays.equals(entry, numbered(n))) {
            throw new AssertionError("entry claiming number " + n + " has the wrong content");
        }
        return n;
    }

    static byte[] filled(int length, int seed) {
        byte[] entry = new byte[length];
        for (int i = 0; i < length; i++) {
            entry[i] = (byte) (seed + i * 7);
        }
        return entry;
    }
}
