package org.truce.verify.note;

import org.truce.verify.VerificationException;

/** A KeyFormatException is a verifier key (vkey) that cannot be used: malformed, wrong key ID, unsupported type. */
public final class KeyFormatException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public KeyFormatException(String message) {
    super(message);
  }
}
