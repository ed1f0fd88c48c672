package org.truce.log.merkle.sign;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.SignedNote;
import org.truce.verify.note.VerifierKey;

/**
 * A CheckpointSigner signs the log's checkpoints with its Ed25519 key, as c2sp.org/signed-note
 * notes whose text is a c2sp.org/tlog-checkpoint body:
 *
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size&gt;
 * &lt;base64 root hash&gt;
 *
 * — &lt;origin&gt; &lt;base64(key ID (4 bytes) || Ed25519 signature (64 bytes))&gt;
 * </pre>
 *
 * The key name is the origin, as tlog-checkpoint recommends, and the key ID is the first four bytes
 * of SHA-256(name || 0x0A || 0x01 || public key). The body, the note and the signature line are
 * built by truce-verify's own {@link Checkpoint}, {@link SignedNote} and {@link NoteSignature}, so
 * the log cannot write a format its verifier reads differently. Ed25519 is deterministic: the same
 * tree always gets byte-identical notes. Immutable and thread-safe.
 */
public final class CheckpointSigner {
    private final VerifierKey key;
    private final PrivateKey privateKey;

    CheckpointSigner(String origin, byte[] seed, byte[] publicKey) {
        try {
            this.key = VerifierKey.of(origin, VerifierKey.TYPE_ED25519, publicKey);
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("cannot sign as \"" + origin + "\": " + e.getMessage(), e);
        }
        this.privateKey = Ed25519Seeds.privateKey(seed);
    }

    /** Returns the origin line of every checkpoint, which is also the key name. */
    public String origin() {
        return key.name();
    }

    /** Returns the verifier key, {@code <origin>+<hex key ID>+base64(0x01 || public key)}. */
    public String verifierKey() {
        return key.encode();
    }

    /** Returns the signed-note key ID. */
    public int keyId() {
        return key.keyId();
    }

    /**
     * Returns the signed checkpoint note for the tree of {@code treeSize} entries with root {@code
     * rootHash}.
     *
     * @throws IllegalArgumentException if the size is negative or the root is not 32 bytes
     */
    public byte[] sign(long treeSize, byte[] rootHash) {
        String body = Checkpoint.of(origin(), treeSize, rootHash).body();
        byte[] signature = Ed25519Seeds.sign(privateKey, body.getBytes(StandardCharsets.UTF_8));
        return SignedNote.of(body, List.of(NoteSignature.of(origin(), keyId(), signature))).toBytes();
    }

    @Override
    public String toString() {
        return "CheckpointSigner[" + verifierKey() + "]";
    }
}
