package org.truce.log.merkle.testing;

import java.security.MessageDigest;
import java.util.List;

/**
 * The RFC 6962 tree hash written straight from its recursive definition, with its own SHA-256
 * calls, used only to check the log's incremental tree:
 * MTH({}) = SHA-256(), MTH({d}) = SHA-256(0x00 || d), MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
 */
public final class ReferenceTree {
    private ReferenceTree() {}

    public static byte[] leaf(byte[] entry) {
        return sha256(new byte[] {0}, entry);
    }

    /** MTH of the leaves with these hashes. */
    public static byte[] root(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return sha256();
        }
        if (n == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(n - 1);
        return sha256(new byte[] {1}, root(leafHashes.subList(0, k)), root(leafHashes.subList(k, n)));
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
