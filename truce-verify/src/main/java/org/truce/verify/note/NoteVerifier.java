package org.truce.verify.note;

/**
 * A NoteVerifier checks the signatures of one known key: the one whose name and key ID appear on
 * a signature line. Implementations are immutable and thread-safe.
 */
public interface NoteVerifier {
  /** Returns the key name. */
  String name();

  /** Returns the 32-bit key ID. */
  int keyId();

  /**
   * Returns whether {@code signature} (the signature line's bytes after the key ID) is valid for
   * the note {@code text} (including its final newline, excluding the blank separator line).
   */
  boolean verify(byte[] text, byte[] signature);
}
