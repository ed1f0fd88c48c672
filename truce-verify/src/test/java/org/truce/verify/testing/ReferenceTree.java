package org.truce.verify.testing;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * ReferenceTree is the RFC 6962 §2.1 tree written directly from its recursive definitions (MTH,
 * PATH, PROOF), with its own SHA-256 calls, for checking the faster and more general code in the
 * main sources. It is deliberately naive: every subtree hash is recomputed from the leaves.
 */
public final class ReferenceTree {
  private ReferenceTree() {}

  /** MTH(D[n]) over leaf hashes. */
  public static byte[] mth(List<byte[]> leaves) {
    int n = leaves.size();
    if (n == 0) {
      return sha256(new byte[0]);
    }
    if (n == 1) {
      return leaves.get(0);
    }
    int k = splitPoint(n);
    return node(mth(leaves.subList(0, k)), mth(leaves.subList(k, n)));
  }

  /** PATH(m, D[n]). */
  public static List<byte[]> path(int m, List<byte[]> leaves) {
    int n = leaves.size();
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = splitPoint(n);
    if (m < k) {
      out.addAll(path(m, leaves.subList(0, k)));
      out.add(mth(leaves.subList(k, n)));
    } else {
      out.addAll(path(m - k, leaves.subList(k, n)));
      out.add(mth(leaves.subList(0, k)));
    }
    return out;
  }

  /** PROOF(m, D[n]) for 0 < m <= n. */
  public static List<byte[]> proof(int m, List<byte[]> leaves) {
    return subproof(m, leaves, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> leaves, boolean b) {
    int n = leaves.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(leaves));
      }
      return out;
    }
    int k = splitPoint(n);
    if (m <= k) {
      out.addAll(subproof(m, leaves.subList(0, k), b));
      out.add(mth(leaves.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, leaves.subList(k, n), false));
      out.add(mth(leaves.subList(0, k)));
    }
    return out;
  }

  /** The leaf hash SHA-256(0x00 || entry). */
  public static byte[] leaf(byte[] entry) {
    byte[] input = new byte[entry.length + 1];
    System.arraycopy(entry, 0, input, 1, entry.length);
    return sha256(input);
  }

  /** The largest power of two smaller than n, for n > 1. */
  private static int splitPoint(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  private static byte[] node(byte[] left, byte[] right) {
    byte[] input = new byte[65];
    input[0] = 1;
    System.arraycopy(left, 0, input, 1, 32);
    System.arraycopy(right, 0, input, 33, 32);
    return sha256(input);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
