package org.truce.verify.merkle;

import java.util.List;

/** Checks are the up-front precondition checks shared by the proof verifiers. */
final class Checks {
  private Checks() {}

  static void requireHash(String what, byte[] hash) throws ProofException {
    if (hash == null) {
      throw new ProofException(what + " is missing");
    }
    if (hash.length != Hashes.SIZE) {
      throw new ProofException(what + " is " + hash.length + " bytes, want " + Hashes.SIZE);
    }
  }

  static void requireHashes(List<byte[]> proof) throws ProofException {
    for (int i = 0; i < proof.size(); i++) {
      requireHash("proof hash " + i, proof.get(i));
    }
  }

  // Sizes are uint64 on the wire; this library keeps them in a signed long, so the top half of
  // the range (which no real log reaches) is rejected rather than silently wrapped.
  static void requireSize(String what, long value) throws ProofException {
    if (value < 0) {
      throw new ProofException(what + " " + Long.toUnsignedString(value) + " exceeds 2^63-1");
    }
  }

  static boolean equal(byte[] a, byte[] b) {
    return java.security.MessageDigest.isEqual(a, b);
  }
}
