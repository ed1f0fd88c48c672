package org.truce.verify.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A CompactRange is the right edge of a Merkle tree that grows by appending leaves: one perfect
 * subtree hash for each 1 bit of the size, largest first. It is the incremental form of the tree
 * hash (RFC 9162 §2.1.2): appending never changes an existing perfect node, which is what makes
 * published tiles immutable.
 *
 * <p>Not thread-safe.
 */
public final class CompactRange {
  private final List<byte[]> edge = new ArrayList<>();
  private long size;

  /** Returns the number of leaves appended so far. */
  public long size() {
    return size;
  }

  /** Appends one leaf hash. */
  public void append(byte[] leafHash) {
    append(leafHash, (level, index, hash) -> {});
  }

  /**
   * Appends one leaf hash and reports to {@code visitor} the leaf and every perfect node that the
   * leaf completes, lowest first.
   *
   * @throws IllegalArgumentException if the leaf hash is not 32 bytes
   */
  public void append(byte[] leafHash, NodeVisitor visitor) {
    Hashes.requireSize(leafHash, "leaf hash");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("tree is full at size " + size);
    }
    byte[] hash = leafHash.clone();
    long index = size;
    int level = 0;
    visitor.visit(level, index, hash);
    // Each trailing 1 bit of the old size is a perfect subtree of the same height to merge with.
    while ((index & 1) == 1) {
      hash = Hashes.nodeHash(edge.remove(edge.size() - 1), hash);
      index >>>= 1;
      level++;
      visitor.visit(level, index, hash);
    }
    edge.add(hash);
    size++;
  }

  /** Returns the root hash of the leaves appended so far (SHA-256("") when there are none). */
  public byte[] root() {
    if (edge.isEmpty()) {
      return Hashes.emptyRoot();
    }
    byte[] hash = edge.get(edge.size() - 1);
    for (int i = edge.size() - 2; i >= 0; i--) {
      hash = Hashes.nodeHash(edge.get(i), hash);
    }
    return hash.clone();
  }
}
