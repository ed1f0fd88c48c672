package org.truce.verify.merkle;

import org.truce.verify.VerificationException;

/**
 * A ProofException is a proof that cannot be checked at all: an index outside the tree, sizes in
 * the wrong order, a proof of the wrong length for its sizes, or a hash that is not 32 bytes.
 * These are found before any hashing is done.
 */
public final class ProofException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public ProofException(String message) {
    super(message);
  }
}
