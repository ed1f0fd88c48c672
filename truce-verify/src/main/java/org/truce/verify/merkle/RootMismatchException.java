package org.truce.verify.merkle;

import org.truce.verify.Hex;
import org.truce.verify.VerificationException;

/**
 * A RootMismatchException is a well-formed proof or tree whose computed root differs from the
 * root it was checked against. It carries both roots.
 */
public final class RootMismatchException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final byte[] expected;
  private final byte[] computed;

  /**
   * Creates the failure for {@code what} ("root", "old root", ...), with message
   * {@code "<what> mismatch: expected <hex>, computed <hex>"}.
   */
  public RootMismatchException(String what, byte[] expected, byte[] computed) {
    super(what + " mismatch: expected " + Hex.encode(expected) + ", computed " + Hex.encode(computed));
    this.expected = expected.clone();
    this.computed = computed.clone();
  }

  /** Returns the root the proof was checked against. */
  public byte[] expected() {
    return expected.clone();
  }

  /** Returns the root the proof or tree actually produced. */
  public byte[] computed() {
    return computed.clone();
  }
}
