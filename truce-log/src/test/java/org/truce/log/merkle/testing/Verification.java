package org.truce.log.merkle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.truce.log.merkle.MerkleLog;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.verify.Hex;
import org.truce.verify.VerificationException;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.merkle.ConsistencyProof;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.InclusionProof;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.tiles.LogAudit;
import org.truce.verify.tiles.TileFetcher;

/** Checks of what a Merkle log published, done by truce-verify's own code, as a guarantor would. */
public final class Verification {
    private Verification() {}

    /** Verifies the note's signature and origin with the verifier key; returns its checkpoint. */
    public static Checkpoint verifiedCheckpoint(SignedCheckpoint checkpoint, String verifierKey) throws VerificationException {
        return CheckpointVerifier.forLog(VerifierKey.parse(verifierKey)).verify(checkpoint.note()).checkpoint();
    }

    /** Audits every entry and tile in the store against the checkpoint (LogAudit, as Tessera's fsck). */
    public static LogAudit.Result audit(TileStore store, Checkpoint checkpoint) throws Exception {
        return LogAudit.audit(new TileFetcher(store::read), checkpoint);
    }

    /**
     * Checks every pair of published checkpoints with consistency proofs from {@code log}: the
     * log must never have signed two trees that are not prefixes of one another.
     */
    public static void requirePairwiseConsistent(List<SignedCheckpoint> published, MerkleLog log) throws Exception {
        for (SignedCheckpoint older : published) {
            for (SignedCheckpoint newer : published) {
                if (older.size() > newer.size()) {
                    continue;
                }
                if (older.size() == newer.size() || older.size() == 0) {
                    if (older.size() == 0) {
                        assertThat(Hex.encode(older.rootHash())).isEqualTo(Hex.encode(Hashes.emptyRoot()));
                    } else {
                        assertThat(older.sameTree(newer)).as("two checkpoints of size %d", older.size()).isTrue();
                    }
                    continue;
                }
                ConsistencyProof.verify(older.size(), newer.size(), older.rootHash(), newer.rootHash(),
                        log.consistencyProof(older.size(), newer.size()));
            }
        }
    }

    /** Checks the inclusion proof of {@code entry} at {@code index} against {@code checkpoint}. */
    public static void requireIncluded(MerkleLog log, long index, byte[] entry, SignedCheckpoint checkpoint) throws Exception {
        InclusionProof.verify(index, checkpoint.size(), Hashes.leafHash(entry), log.inclusionProof(index, checkpoint.size()),
                checkpoint.rootHash());
    }
}
