package org.truce.service.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The verifiable face of the record: its signed checkpoint, its C2SP tiles and entry bundles, and
 * proofs, as any party fetches them to check the log. Implemented over the Merkle log engine.
 */
public interface PublishedLog {
    /** The latest signed checkpoint note (C2SP tlog-checkpoint), once the first entries are integrated. */
    Optional<byte[]> checkpoint();

    /** The root hash of the latest checkpoint (the empty tree's before the first). */
    byte[] rootHash();

    /** The tree size of the latest checkpoint (0 before the first). */
    long checkpointSize();

    /** A hash tile ({@code level >= 0}) or entry bundle ({@code level == -1}) by its C2SP path below {@code tile/}, if it exists. */
    Optional<byte[]> resource(String tilePath);

    /** The verifier key ({@code <name>+<key id>+<base64 key>}) of the checkpoint signatures. */
    String verifierKey();

    /** The origin line of the checkpoints. */
    String origin();

    /** Number of entries recorded (durable); those beyond {@link #checkpointSize()} are not yet in a checkpoint. */
    long recordedSize();

    /** RFC 9162 audit path of entry {@code index} in the tree of {@code treeSize}. Requires {@code index < treeSize <= checkpointSize()}. */
    List<byte[]> inclusionProof(long index, long treeSize);

    /** RFC 9162 consistency proof between two tree sizes. Requires {@code 0 < from <= to <= checkpointSize()}. */
    List<byte[]> consistencyProof(long from, long to);

    /** The RFC 9162 leaf hash of entry {@code index}. */
    byte[] leafHash(long index);
}
