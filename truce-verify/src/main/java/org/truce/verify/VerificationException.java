package org.truce.verify;

/**
 * A VerificationException is a check on data from a log that did not pass: a proof, signed note,
 * checkpoint, tile or entry that is malformed or does not verify.
 *
 * <p>These are expected outcomes when talking to a misbehaving or corrupted log, so they are
 * checked exceptions and carry messages that state what was expected and what was found. A broken
 * precondition in the caller's own code (a null argument, a hash of the wrong length passed to a
 * hashing helper) is an {@link IllegalArgumentException} instead.
 */
public abstract class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  protected VerificationException(String message) {
    super(message);
  }

  protected VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
