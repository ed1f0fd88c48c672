package org.truce.log.merkle;

import java.security.MessageDigest;
import java.util.List;
import org.truce.log.merkle.tiles.CheckpointConflictException;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.verify.Hex;
import org.truce.verify.VerificationException;
import org.truce.verify.merkle.ConsistencyProof;
import org.truce.verify.merkle.ProofBuilder;

/**
 * The checks that stand between the log and an inconsistent signature. They recompute from the
 * stored tiles (not from memory) and verify with truce-verify's own verifier, so a bug in the
 * in-memory tree, a bad tile write or a damaged tile all stop the log before it signs.
 */
final class TreeChecks {
    private TreeChecks() {}

    /**
     * Requires the tiles of {@code tiles}' stored size to give {@code expectedRoot}.
     *
     * @throws LogIntegrityException if they give another root
     */
    static void requireRoot(StoredTree tiles, long size, byte[] expectedRoot, String expectedFrom) {
        byte[] fromTiles = tiles.root();
        if (!MessageDigest.isEqual(fromTiles, expectedRoot)) {
            throw new LogIntegrityException("the stored tiles of the tree of size " + size + " give root "
                    + Hex.encode(fromTiles) + ", but " + expectedFrom + " has root " + Hex.encode(expectedRoot));
        }
    }

    /**
     * Requires the tree of {@code newSize} entries with root {@code newRoot}, whose tiles {@code
     * tiles} reads, to extend the tree {@code older} commits to: a consistency proof built from the
     * tiles must verify against both roots.
     *
     * @throws CheckpointConflictException if the new tree is smaller, or of the same size with another root
     * @throws LogIntegrityException if the consistency proof does not verify
     */
    static void requireExtends(StoredTree tiles, SignedCheckpoint older, long newSize, byte[] newRoot) {
        if (newSize < older.size()) {
            throw new CheckpointConflictException("the tree of size " + newSize + " would go backwards from the checkpoint"
                    + " of size " + older.size());
        }
        if (newSize == older.size() || older.size() == 0) {
            if (newSize == older.size() && !MessageDigest.isEqual(newRoot, older.rootHash())) {
                throw new CheckpointConflictException("the tree of size " + newSize + " has root " + Hex.encode(newRoot)
                        + ", but the checkpoint of the same size has " + Hex.encode(older.rootHash()));
            }
            return; // every tree extends the empty one
        }
        List<byte[]> proof = ProofBuilder.consistency(older.size(), newSize, tiles);
        try {
            ConsistencyProof.verify(older.size(), newSize, older.rootHash(), newRoot, proof);
        } catch (VerificationException e) {
            throw new LogIntegrityException("the tree of size " + newSize + " does not extend the checkpoint of size "
                    + older.size() + ": " + e.getMessage(), e);
        }
    }
}
