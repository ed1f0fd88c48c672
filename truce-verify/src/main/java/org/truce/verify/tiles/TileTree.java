package org.truce.verify.tiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.MerkleTree;
import org.truce.verify.merkle.ProofBuilder;
import org.truce.verify.merkle.RangeHasher;

/**
 * A TileTree is a Merkle tree held as the contents of its tiles: for each tile level L, every
 * perfect node hash of height 8L, in index order. Nodes of other heights are recomputed by hashing
 * (at most 7 levels of pairwise hashing), so it can answer any {@link #rangeHash} and thus build
 * any proof with {@link ProofBuilder}. Immutable once built.
 *
 * <p>It keeps every leaf hash in memory, about 40 bytes per entry.
 */
public final class TileTree implements RangeHasher {
  private final List<List<byte[]>> levels;
  private final long size;

  private TileTree(List<List<byte[]>> levels, long size) {
    this.levels = levels;
    this.size = size;
  }

  /** Builds the tiles of the tree with these leaf hashes, as the log would publish them. */
  public static TileTree fromLeafHashes(List<byte[]> leafHashes) {
    List<List<byte[]>> levels = new ArrayList<>();
    List<byte[]> level = List.copyOf(leafHashes);
    while (!level.isEmpty()) {
      levels.add(level);
      List<byte[]> above = new ArrayList<>(level.size() / TileId.FULL_WIDTH);
      for (int start = 0; start + TileId.FULL_WIDTH <= level.size(); start += TileId.FULL_WIDTH) {
        above.add(MerkleTree.perfectRoot(level.subList(start, start + TileId.FULL_WIDTH)));
      }
      level = above;
    }
    return new TileTree(levels, leafHashes.size());
  }

  /**
   * Reads every hash tile of the tree of {@code treeSize} from {@code tiles}. The result is only as
   * trustworthy as the tiles: compare {@link #root()} with a verified checkpoint.
   *
   * @throws IOException if a tile cannot be read
   * @throws TileFormatException if a tile has the wrong size
   */
  public static TileTree read(TileFetcher tiles, long treeSize) throws IOException, TileFormatException {
    List<List<byte[]>> levels = new ArrayList<>();
    for (TileId tile : TileLayout.hashTiles(treeSize)) {
      if (tile.level() == levels.size()) {
        levels.add(new ArrayList<>());
      }
      levels.get(tile.level()).addAll(tiles.hashes(tile));
    }
    return new TileTree(levels, treeSize);
  }

  /** Returns the number of leaves. */
  public long size() {
    return size;
  }

  /** Returns the hashes that {@code tile} must hold in this tree. */
  public List<byte[]> tileHashes(TileId tile) {
    if (tile.isEntries() || tile.level() >= levels.size()) {
      throw new IllegalArgumentException(tile + " is not a hash tile of this tree");
    }
    int start = Math.toIntExact(tile.index() * TileId.FULL_WIDTH);
    return levels.get(tile.level()).subList(start, start + tile.width());
  }

  /** Returns the hash of the perfect node of {@code height} at {@code index}. */
  public byte[] nodeHash(int height, long index) {
    int level = height / 8;
    int below = height % 8;
    long first = index << below;
    int count = 1 << below;
    if (level >= levels.size() || first < 0 || first + count > levels.get(level).size()) {
      throw new IllegalArgumentException("node " + height + "/" + index + " is not in a tree of size " + size);
    }
    int start = (int) first;
    return MerkleTree.perfectRoot(levels.get(level).subList(start, start + count));
  }

  @Override
  public byte[] rangeHash(long start, long end) {
    if (start < 0 || start >= end || end > size) {
      throw new IllegalArgumentException("range [" + start + ", " + end + ") is not in a tree of size " + size);
    }
    long count = end - start;
    if (Long.bitCount(count) == 1 && start % count == 0) {
      return nodeHash(Long.numberOfTrailingZeros(count), start / count);
    }
    long split = start + Long.highestOneBit(count - 1);
    return Hashes.nodeHash(rangeHash(start, split), rangeHash(split, end));
  }

  /** Returns the root hash, SHA-256("") for the empty tree. */
  public byte[] root() {
    return size == 0 ? Hashes.emptyRoot() : rangeHash(0, size);
  }
}
