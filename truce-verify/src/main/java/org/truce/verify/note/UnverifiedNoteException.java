package org.truce.verify.note;

import org.truce.verify.VerificationException;

/** An UnverifiedNoteException is a well-formed note that carries no valid signature by a required key. */
public final class UnverifiedNoteException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public UnverifiedNoteException(String message) {
    super(message);
  }
}
