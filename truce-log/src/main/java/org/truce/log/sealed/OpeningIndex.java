package org.truce.log.sealed;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each stored opening's record is, by commitment, and which commitments were destroyed.
 * Values are never held in memory: a find reads its record from the file.
 *
 * <p>Only the writer thread (or recovery, before it starts) changes the index, and only after what
 * it records is durable, so a reader that finds a slot may rely on the record being on disk.
 * Destroyed commitments stay in the index, so that putting the same opening again after a destroy
 * does not bring it back.
 */
final class OpeningIndex {
    /** A commitment as a map key. Comparable, so that colliding hash codes degrade to a tree, not a list. */
    static final class Key implements Comparable<Key> {
        private final byte[] commitment;
        private final int hash;

        private Key(byte[] commitment) {
            this.commitment = commitment;
            this.hash = Arrays.hashCode(commitment);
        }

        /** A key over a copy of {@code commitment}. */
        static Key of(byte[] commitment) {
            return new Key(commitment.clone());
        }

        byte[] commitment() {
            return commitment.clone();
        }

        String hex() {
            return HexFormat.of().formatHex(commitment);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(commitment, other.commitment);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Key other) {
            return Arrays.compareUnsigned(commitment, other.commitment);
        }

        @Override
        public String toString() {
            return hex();
        }
    }

    /** Where an OPEN record's frame starts and how long its body is; {@link #DESTROYED} for a destroyed one. */
    record Slot(long frameOffset, int bodyBytes) {
        static final Slot DESTROYED = new Slot(-1, 0);

        boolean destroyed() {
            return frameOffset < 0;
        }
    }

    private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();

    Slot get(Key key) {
        return slots.get(key);
    }

    /** Whether the commitment is stored, open or destroyed. */
    boolean contains(Key key) {
        return slots.containsKey(key);
    }

    void putOpen(Key key, long frameOffset, int bodyBytes) {
        slots.putIfAbsent(key, new Slot(frameOffset, bodyBytes));
    }

    void markDestroyed(Key key) {
        slots.put(key, Slot.DESTROYED);
    }

    int size() {
        return slots.size();
    }
}
