package org.truce.log.merkle.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Deterministic entries that carry their number, of varied lengths. */
public final class TestEntries {
    private TestEntries() {}

    /** Entry {@code n}: 8 bytes of n, then 0 to 199 bytes derived from n. */
    public static byte[] entry(long n) {
        int extra = (int) Math.floorMod(n * 2_654_435_761L, 200L);
        ByteBuffer entry = ByteBuffer.allocate(Long.BYTES + extra).putLong(n);
        for (int i = 0; i < extra; i++) {
            entry.put((byte) (n * 31 + i));
        }
        return entry.array();
    }

    /** Entries {@code from} (inclusive) to {@code to} (exclusive). */
    public static List<byte[]> entries(long from, long to) {
        List<byte[]> entries = new ArrayList<>();
        for (long n = from; n < to; n++) {
            entries.add(entry(n));
        }
        return entries;
    }

    /** The leaf hashes of entries 0 to {@code count}, computed by the reference code. */
    public static List<byte[]> leafHashes(long count) {
        List<byte[]> leaves = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            leaves.add(ReferenceTree.leaf(entry(n)));
        }
        return leaves;
    }
}
