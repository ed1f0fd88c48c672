package org.truce.verify.checkpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.truce.verify.note.Ed25519NoteVerifier;
import org.truce.verify.note.InvalidSignatureException;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.NoteFormatException;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.NoteVerifier;
import org.truce.verify.note.SignedNote;
import org.truce.verify.note.UnverifiedNoteException;
import org.truce.verify.note.VerifiedNote;
import org.truce.verify.note.VerifierKey;

/**
 * A CheckpointVerifier accepts a signed checkpoint only if it is signed by the log's key, has the
 * expected origin, and carries valid {@code cosignature/v1} cosignatures from at least {@code
 * quorum} of the named witnesses. Immutable and thread-safe.
 *
 * <p>Signatures by other keys are ignored (witnesses add lines a client may not know), but a
 * signature by any of the given keys that fails to verify rejects the checkpoint.
 */
public final class CheckpointVerifier {
  private final NoteVerifier log;
  private final String origin;
  private final List<NoteVerifier> witnesses;
  private final int quorum;

  private CheckpointVerifier(NoteVerifier log, String origin, List<NoteVerifier> witnesses, int quorum) {
    this.log = log;
    this.origin = origin;
    this.witnesses = List.copyOf(witnesses);
    this.quorum = quorum;
  }

  /**
   * Returns a verifier for checkpoints of the log with Ed25519 key {@code logKey}, whose origin
   * must equal the key name (as C2SP recommends), with no witness requirement.
   *
   * @throws KeyFormatException if the log key is not an Ed25519 (0x01) key
   */
  public static CheckpointVerifier forLog(VerifierKey logKey) throws KeyFormatException {
    return new CheckpointVerifier(new Ed25519NoteVerifier(logKey), logKey.name(), List.of(), 0);
  }

  /** Returns a copy that requires the origin line to be {@code expectedOrigin} instead. */
  public CheckpointVerifier withOrigin(String expectedOrigin) {
    return new CheckpointVerifier(log, expectedOrigin, witnesses, quorum);
  }

  /**
   * Returns a copy that requires valid cosignatures by at least {@code quorum} of {@code
   * witnessKeys} (type 0x04 keys).
   *
   * @throws KeyFormatException if a witness key is not a cosignature/v1 key
   * @throws IllegalArgumentException unless 0 <= quorum <= the number of witnesses
   */
  public CheckpointVerifier withWitnesses(List<VerifierKey> witnessKeys, int quorum) throws KeyFormatException {
    if (quorum < 0 || quorum > witnessKeys.size()) {
      throw new IllegalArgumentException("quorum " + quorum + " is not between 0 and " + witnessKeys.size());
    }
    List<NoteVerifier> verifiers = new ArrayList<>();
    for (VerifierKey key : witnessKeys) {
      verifiers.add(Cosignature.verifier(key));
    }
    return new CheckpointVerifier(log, origin, verifiers, quorum);
  }

  /**
   * Verifies a signed checkpoint note.
   *
   * @throws NoteFormatException if the note is malformed
   * @throws InvalidSignatureException if a signature by the log or a named witness fails
   * @throws UnverifiedNoteException if the log did not sign it
   * @throws CheckpointFormatException if the note text is not a checkpoint
   * @throws CheckpointException if the origin is wrong or the witness quorum is not met
   */
  public VerifiedCheckpoint verify(byte[] signedNote)
      throws NoteFormatException, InvalidSignatureException, UnverifiedNoteException,
          CheckpointFormatException, CheckpointException {
    List<NoteVerifier> known = new ArrayList<>(witnesses);
    known.add(log);
    VerifiedNote note = VerifiedNote.verify(SignedNote.parse(signedNote), known);
    if (!note.isVerifiedBy(log.name(), log.keyId())) {
      throw new UnverifiedNoteException(String.format(
          "checkpoint is not signed by the log key %s+%08x", log.name(), log.keyId()));
    }
    Checkpoint checkpoint = Checkpoint.parse(note.note().text());
    if (!checkpoint.origin().equals(origin)) {
      throw new CheckpointException("origin mismatch: expected \"" + origin + "\", got \"" + checkpoint.origin() + "\"");
    }
    List<Cosignature> cosignatures = witnessCosignatures(note);
    if (cosignatures.size() < quorum) {
      throw new CheckpointException(String.format("witness quorum not met: need %d of %d witnesses, got %d %s",
          quorum, witnesses.size(), cosignatures.size(), names(cosignatures)));
    }
    return new VerifiedCheckpoint(checkpoint, note.note(), cosignatures);
  }

  private List<Cosignature> witnessCosignatures(VerifiedNote note) {
    Set<String> counted = new HashSet<>();
    List<Cosignature> cosignatures = new ArrayList<>();
    for (NoteSignature signature : note.verified()) {
      boolean isWitness = witnesses.stream()
          .anyMatch(w -> w.name().equals(signature.name()) && w.keyId() == signature.keyId());
      if (isWitness && counted.add(signature.keyLabel())) {
        cosignatures.add(Cosignature.from(signature));
      }
    }
    return cosignatures;
  }

  private static List<String> names(List<Cosignature> cosignatures) {
    List<String> names = new ArrayList<>();
    for (Cosignature cosignature : cosignatures) {
      names.add(cosignature.name());
    }
    return names;
  }
}
