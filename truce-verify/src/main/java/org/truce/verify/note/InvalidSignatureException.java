package org.truce.verify.note;

import org.truce.verify.VerificationException;

/**
 * An InvalidSignatureException is a signature line whose key name and ID match a known key but
 * which does not verify. C2SP signed-note says clients SHOULD then reject the whole note, and we
 * do: a known key that "signed" something else is a sign of tampering, not noise.
 */
public final class InvalidSignatureException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final String keyName;
  private final int keyId;

  public InvalidSignatureException(String keyName, int keyId) {
    super(String.format("invalid signature by known key %s+%08x", keyName, keyId));
    this.keyName = keyName;
    this.keyId = keyId;
  }

  public String keyName() {
    return keyName;
  }

  public int keyId() {
    return keyId;
  }
}
