package org.truce.log.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.truce.verify.merkle.Hashes;

/**
 * A NodeHasher computes RFC 6962 interior node hashes, SHA-256(0x01 || left || right), of hashes
 * that lie side by side in a tile's bytes, writing each result into an array of the caller's:
 * the same bytes as {@link Hashes#nodeHash}, without copying the children out or allocating a
 * result per node. A proof hashes a few hundred nodes, and the copies and allocations around
 * {@code nodeHash} cost about as much as the hashing itself. One digest and one work area per
 * instance: not thread-safe.
 */
final class NodeHasher {
    private static final byte NODE_PREFIX = 0x01; // RFC 6962 §2.1: interior nodes
    private static final int PAIR = 2 * Hashes.SIZE;

    private final MessageDigest sha256 = Hashes.newSha256();
    /** The nodes of a subtree being reduced: at most half a tile's hashes. */
    private final byte[] work = new byte[TileNodes.WIDTH / 2 * Hashes.SIZE];

    /** Writes the hash of the node whose children are {@code from[at, at + 64)} to {@code into[to, to + 32)}. */
    void pair(byte[] from, int at, byte[] into, int to) {
        sha256.update(NODE_PREFIX);
        sha256.update(from, at, PAIR); // read whole before anything is written, so into may be from
        try {
            sha256.digest(into, to, Hashes.SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 did not give 32 bytes", e);
        }
    }

    /**
     * Returns the root of the perfect subtree over {@code count} consecutive hashes of {@code
     * hashes}, starting with hash number {@code first}; {@code count} is a power of two, at most
     * {@value TileNodes#WIDTH}, and the hashes must all be there.
     */
    byte[] subtree(byte[] hashes, int first, int count) {
        int offset = first * Hashes.SIZE;
        if (count == 1) {
            return Arrays.copyOfRange(hashes, offset, offset + Hashes.SIZE);
        }
        int nodes = count / 2;
        for (int k = 0; k < nodes; k++) {
            pair(hashes, offset + k * PAIR, work, k * Hashes.SIZE);
        }
        for (; nodes > 1; nodes /= 2) { // in place: node k is written after nodes 2k and 2k+1 are read
            for (int k = 0; k < nodes / 2; k++) {
                pair(work, k * PAIR, work, k * Hashes.SIZE);
            }
        }
        return Arrays.copyOf(work, Hashes.SIZE);
    }
}
