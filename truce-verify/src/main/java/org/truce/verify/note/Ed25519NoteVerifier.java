package org.truce.verify.note;

import org.truce.verify.crypto.Ed25519PublicKey;

/** An Ed25519NoteVerifier checks signed-note Ed25519 signatures (type 0x01) over the note text. */
public final class Ed25519NoteVerifier implements NoteVerifier {
  private final VerifierKey key;
  private final Ed25519PublicKey publicKey;

  /**
   * Returns the verifier for {@code key}.
   *
   * @throws KeyFormatException if the key is not of type 0x01
   */
  public Ed25519NoteVerifier(VerifierKey key) throws KeyFormatException {
    if (key.type() != VerifierKey.TYPE_ED25519) {
      throw new KeyFormatException(String.format(
          "key %s has type 0x%02x, but note signatures need an Ed25519 (0x01) key", key.name(), key.type()));
    }
    this.key = key;
    this.publicKey = Ed25519PublicKey.of(key.publicKey());
  }

  @Override
  public String name() {
    return key.name();
  }

  @Override
  public int keyId() {
    return key.keyId();
  }

  @Override
  public boolean verify(byte[] text, byte[] signature) {
    return publicKey.verify(text, signature);
  }
}
