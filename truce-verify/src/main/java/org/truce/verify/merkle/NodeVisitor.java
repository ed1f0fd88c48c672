package org.truce.verify.merkle;

/**
 * A NodeVisitor receives every perfect node that a {@link CompactRange} completes while leaves are
 * appended: the node at {@code level} (0 = leaf) and {@code index} covers leaves
 * [index·2^level, (index+1)·2^level). A tile writer keeps the nodes whose level is a multiple of 8.
 */
@FunctionalInterface
public interface NodeVisitor {
  /** Called once for each node, in the order the nodes are completed. */
  void visit(int level, long index, byte[] hash);
}
