package org.truce.verify.tiles;

import java.util.ArrayList;
import java.util.List;

/**
 * TileLayout says which tiles make up a tree of a given size. Tile level L holds the hashes of
 * the perfect subtrees of height 8L: hash i of tile (L, n) is MTH(D[(256n+i)·256^L :
 * (256n+i+1)·256^L]). Only complete subtrees are hashed into a level, so the last tile of a level
 * is partial with width floor(size / 256^L) mod 256, and is never hashed into the level above.
 */
public final class TileLayout {
  private TileLayout() {}

  /** Returns the number of hashes at tile level {@code level} in a tree of {@code treeSize}. */
  public static long hashCount(int level, long treeSize) {
    return 8 * level >= 64 ? 0 : treeSize >>> (8 * level);
  }

  /** Returns the number of tiles (full and partial) at {@code level}. */
  public static long tileCount(int level, long treeSize) {
    long hashes = hashCount(level, treeSize);
    return hashes / TileId.FULL_WIDTH + (hashes % TileId.FULL_WIDTH == 0 ? 0 : 1);
  }

  /** Returns the number of tile levels that hold at least one hash. */
  public static int levelCount(long treeSize) {
    int levels = 0;
    while (hashCount(levels, treeSize) > 0) {
      levels++;
    }
    return levels;
  }

  /**
   * Returns the width of tile {@code index} at {@code level} in a tree of {@code treeSize}.
   *
   * @throws IllegalArgumentException if that tile has no hashes in a tree of this size
   */
  public static int width(int level, long index, long treeSize) {
    long remaining = hashCount(level, treeSize) - index * TileId.FULL_WIDTH;
    if (index < 0 || remaining <= 0) {
      throw new IllegalArgumentException("tile " + level + "/" + index + " is empty at tree size " + treeSize);
    }
    return (int) Math.min(TileId.FULL_WIDTH, remaining);
  }

  /** Returns every hash tile of a tree of {@code treeSize}, level by level. */
  public static List<TileId> hashTiles(long treeSize) {
    List<TileId> tiles = new ArrayList<>();
    for (int level = 0; level < levelCount(treeSize); level++) {
      for (long index = 0; index < tileCount(level, treeSize); index++) {
        tiles.add(TileId.hashes(level, index, width(level, index, treeSize)));
      }
    }
    return tiles;
  }

  /** Returns every entry bundle of a tree of {@code treeSize}. */
  public static List<TileId> entryBundles(long treeSize) {
    List<TileId> bundles = new ArrayList<>();
    for (long index = 0; index < tileCount(0, treeSize); index++) {
      bundles.add(TileId.entries(index, width(0, index, treeSize)));
    }
    return bundles;
  }
}
