package org.truce.log.merkle.tiles;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointFormatException;
import org.truce.verify.note.NoteFormatException;
import org.truce.verify.note.SignedNote;

/**
 * A SignedCheckpoint is a published c2sp.org/tlog-checkpoint: the signed note's exact bytes, with
 * the tree size and root hash read from its text. Immutable.
 *
 * <p>The size and root always come from the note itself, so they can never disagree with what a
 * client verifies. Parsing checks the format only; signatures are checked by whoever needs to trust
 * the note (the log checks its own key when it opens).
 */
public final class SignedCheckpoint {
    private final Checkpoint checkpoint;
    private final byte[] note;

    private SignedCheckpoint(Checkpoint checkpoint, byte[] note) {
        this.checkpoint = checkpoint;
        this.note = note;
    }

    /**
     * Parses a signed checkpoint note.
     *
     * @throws IllegalArgumentException if {@code note} is not a well-formed signed note whose text is a checkpoint
     */
    public static SignedCheckpoint parse(byte[] note) {
        byte[] copy = note.clone();
        try {
            return new SignedCheckpoint(Checkpoint.parse(SignedNote.parse(copy).text()), copy);
        } catch (NoteFormatException | CheckpointFormatException e) {
            throw new IllegalArgumentException("not a signed checkpoint: " + e.getMessage(), e);
        }
    }

    /** Returns the number of entries the checkpoint commits to. */
    public long size() {
        return checkpoint.size();
    }

    /** Returns the RFC 6962 root hash of the first {@link #size()} entries. */
    public byte[] rootHash() {
        return checkpoint.rootHash();
    }

    /** Returns the origin line, which is also the log's key name. */
    public String origin() {
        return checkpoint.origin();
    }

    /** Returns the parsed body (origin, size, root). */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** Returns the signed note exactly as published, signature lines included. */
    public byte[] note() {
        return note.clone();
    }

    /**
     * The rule every {@link TileStore} applies before storing this checkpoint in place of {@code
     * stored}: the tree may grow or stay, never shrink, and a size keeps its root.
     *
     * @throws CheckpointConflictException if this checkpoint may not follow {@code stored}
     */
    public void requireMayFollow(SignedCheckpoint stored) {
        if (size() < stored.size()) {
            throw new CheckpointConflictException("checkpoint of size " + size() + " would go backwards from the stored size " + stored.size());
        }
        if (size() == stored.size() && !sameTree(stored)) {
            throw new CheckpointConflictException("checkpoint of size " + size() + " has another root than the stored checkpoint of the same size");
        }
    }

    /** Returns whether both commit to the same tree: equal size and equal root (signatures may differ). */
    public boolean sameTree(SignedCheckpoint other) {
        return size() == other.size() && Arrays.equals(rootHash(), other.rootHash());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedCheckpoint that && Arrays.equals(note, that.note);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(note);
    }

    @Override
    public String toString() {
        return new String(note, StandardCharsets.UTF_8);
    }
}
