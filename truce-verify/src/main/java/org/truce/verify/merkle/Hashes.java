package org.truce.verify.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes are the RFC 6962 / RFC 9162 Merkle tree hashes with SHA-256.
 *
 * <ul>
 *   <li>leaf hash = SHA-256(0x00 || entry)
 *   <li>node hash = SHA-256(0x01 || left || right)
 *   <li>root of the empty tree = SHA-256("")
 * </ul>
 *
 * The one-byte prefixes separate the two domains, so an interior node can never be presented as
 * a leaf (the second-preimage defence of RFC 6962 §2.1).
 */
public final class Hashes {
  /** The size in bytes of every hash: SHA-256. */
  public static final int SIZE = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  // MessageDigest is not thread-safe, and getInstance costs more than the hash of a node.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashes::newSha256);

  private Hashes() {}

  /** Returns SHA-256 of the empty string, the root hash of a tree with no leaves. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** Returns the leaf hash of {@code entry}: SHA-256(0x00 || entry). */
  public static byte[] leafHash(byte[] entry) {
    MessageDigest digest = sha256();
    digest.update(LEAF_PREFIX);
    digest.update(entry);
    return digest.digest();
  }

  /**
   * Returns the hash of an interior node: SHA-256(0x01 || left || right).
   *
   * @throws IllegalArgumentException if either child is not {@value #SIZE} bytes
   */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    requireSize(left, "left child");
    requireSize(right, "right child");
    MessageDigest digest = sha256();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  static void requireSize(byte[] hash, String what) {
    if (hash.length != SIZE) {
      throw new IllegalArgumentException(what + " is " + hash.length + " bytes, want " + SIZE);
    }
  }

  private static MessageDigest sha256() {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return digest;
  }

  /** Returns a fresh SHA-256 digest; every Java platform is required to provide one. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
