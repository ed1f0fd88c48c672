package org.truce.cli;

import java.util.List;
import java.util.Optional;
import org.truce.log.merkle.MerkleLog;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.service.ledger.PublishedLog;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.tiles.TilePath;

/** The published log over the Merkle log engine. */
final class MerklePublishedLog implements PublishedLog {
    private final MerkleLog log;

    MerklePublishedLog(MerkleLog log) {
        this.log = log;
    }

    @Override
    public Optional<byte[]> checkpoint() {
        return log.checkpoint().map(SignedCheckpoint::note);
    }

    @Override
    public byte[] rootHash() {
        return log.checkpoint().map(SignedCheckpoint::rootHash).orElseGet(Hashes::emptyRoot);
    }

    @Override
    public long checkpointSize() {
        return log.checkpoint().map(SignedCheckpoint::size).orElse(0L);
    }

    @Override
    public Optional<byte[]> resource(String tilePath) {
        return TilePath.parse(tilePath).flatMap(log::resource);
    }

    @Override
    public String verifierKey() {
        return log.verifierKey();
    }

    @Override
    public String origin() {
        return log.origin();
    }

    @Override
    public long recordedSize() {
        return log.size();
    }

    @Override
    public List<byte[]> inclusionProof(long index, long treeSize) {
        return log.inclusionProof(index, treeSize);
    }

    @Override
    public List<byte[]> consistencyProof(long from, long to) {
        return log.consistencyProof(from, to);
    }

    @Override
    public byte[] leafHash(long index) {
        return Hashes.leafHash(log.read(index));
    }
}
