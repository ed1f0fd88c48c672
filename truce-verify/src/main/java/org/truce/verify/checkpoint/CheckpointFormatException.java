package org.truce.verify.checkpoint;

import org.truce.verify.VerificationException;

/** A CheckpointFormatException is a note text that is not a valid c2sp.org/tlog-checkpoint body. */
public final class CheckpointFormatException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public CheckpointFormatException(String message) {
    super("malformed checkpoint: " + message);
  }
}
