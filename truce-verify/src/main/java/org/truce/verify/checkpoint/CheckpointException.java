package org.truce.verify.checkpoint;

import org.truce.verify.VerificationException;

/**
 * A CheckpointException is a well-formed, signed checkpoint that is not the one asked for: wrong
 * origin, or too few witness cosignatures.
 */
public final class CheckpointException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }
}
