package org.truce.verify.checkpoint;

import java.util.List;
import org.truce.verify.note.SignedNote;

/**
 * A VerifiedCheckpoint is a checkpoint whose log signature verified, with the witness
 * cosignatures that verified. Immutable.
 */
public final class VerifiedCheckpoint {
  private final Checkpoint checkpoint;
  private final SignedNote note;
  private final List<Cosignature> cosignatures;

  VerifiedCheckpoint(Checkpoint checkpoint, SignedNote note, List<Cosignature> cosignatures) {
    this.checkpoint = checkpoint;
    this.note = note;
    this.cosignatures = List.copyOf(cosignatures);
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** Returns the whole signed note, as received. */
  public SignedNote note() {
    return note;
  }

  /** Returns one verified cosignature per witness key, in note order. */
  public List<Cosignature> cosignatures() {
    return cosignatures;
  }
}
