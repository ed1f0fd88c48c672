package org.truce.verify.note;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A VerifiedNote is a signed note at least one of whose signatures verified under a known key,
 * with the signatures split into verified ones and ones by unknown keys.
 *
 * <p>The rules are those of c2sp.org/signed-note:
 *
 * <ul>
 *   <li>a signature line is by a known key only if both the key name and the key ID match; lines
 *       by unknown keys are ignored (and listed in {@link #unknown()});
 *   <li>every signature by a known key is verified, and one that fails rejects the whole note;
 *   <li>a note with no verified signature is rejected;
 *   <li>exact duplicate lines count once (as in Go).
 * </ul>
 */
public final class VerifiedNote {
  private final SignedNote note;
  private final List<NoteSignature> verified;
  private final List<NoteSignature> unknown;

  private VerifiedNote(SignedNote note, List<NoteSignature> verified, List<NoteSignature> unknown) {
    this.note = note;
    this.verified = List.copyOf(verified);
    this.unknown = List.copyOf(unknown);
  }

  /**
   * Parses {@code message} and verifies it with the known keys {@code verifiers}.
   *
   * @throws NoteFormatException if the note is malformed
   * @throws InvalidSignatureException if a signature by a known key does not verify
   * @throws UnverifiedNoteException if no signature is by a known key
   * @throws IllegalArgumentException if two verifiers share both name and key ID
   */
  public static VerifiedNote open(byte[] message, Collection<? extends NoteVerifier> verifiers)
      throws NoteFormatException, InvalidSignatureException, UnverifiedNoteException {
    return verify(SignedNote.parse(message), verifiers);
  }

  /** Like {@link #open}, for a note already parsed. */
  public static VerifiedNote verify(SignedNote note, Collection<? extends NoteVerifier> verifiers)
      throws InvalidSignatureException, UnverifiedNoteException {
    Map<String, NoteVerifier> known = index(verifiers);
    byte[] text = note.textBytes();
    Set<String> seenLines = new HashSet<>();
    List<NoteSignature> verified = new ArrayList<>();
    List<NoteSignature> unknown = new ArrayList<>();
    for (NoteSignature signature : note.signatures()) {
      if (!seenLines.add(signature.line())) {
        continue;
      }
      NoteVerifier verifier = known.get(signature.keyLabel());
      if (verifier == null) {
        unknown.add(signature);
      } else if (verifier.verify(text, signature.signature())) {
        verified.add(signature);
      } else {
        throw new InvalidSignatureException(signature.name(), signature.keyId());
      }
    }
    if (verified.isEmpty()) {
      throw new UnverifiedNoteException("note has no verifiable signatures: known keys "
          + verifiers.stream().map(VerifiedNote::label).collect(Collectors.toList())
          + ", signatures by " + unknown.stream().map(NoteSignature::keyLabel).collect(Collectors.toList()));
    }
    return new VerifiedNote(note, verified, unknown);
  }

  private static Map<String, NoteVerifier> index(Collection<? extends NoteVerifier> verifiers) {
    Map<String, NoteVerifier> known = new HashMap<>();
    for (NoteVerifier verifier : verifiers) {
      String label = label(verifier);
      if (known.put(label, verifier) != null) {
        throw new IllegalArgumentException("two verifiers for the same key " + label);
      }
    }
    return known;
  }

  private static String label(NoteVerifier verifier) {
    return verifier.name() + "+" + KeyId.hex(verifier.keyId());
  }

  public SignedNote note() {
    return note;
  }

  /** Returns the signatures that verified, each distinct line once. */
  public List<NoteSignature> verified() {
    return verified;
  }

  /** Returns the signatures by keys not known to the verifier, each distinct line once. */
  public List<NoteSignature> unknown() {
    return unknown;
  }

  /** Returns whether a signature by the key with this name and ID verified. */
  public boolean isVerifiedBy(String name, int keyId) {
    return verified.stream().anyMatch(s -> s.name().equals(name) && s.keyId() == keyId);
  }
}
