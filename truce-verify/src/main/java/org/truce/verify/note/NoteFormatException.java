package org.truce.verify.note;

import org.truce.verify.VerificationException;

/** A NoteFormatException is a signed note that breaks the C2SP signed-note format. */
public final class NoteFormatException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public NoteFormatException(String message) {
    super("malformed note: " + message);
  }
}
