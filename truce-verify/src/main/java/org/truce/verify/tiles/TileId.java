package org.truce.verify.tiles;

/**
 * A TileId names one c2sp.org/tlog-tiles resource: a hash tile at {@code level} (0 holds leaf
 * hashes) or, when {@code level} is {@link #ENTRIES}, an entry bundle; its {@code index} at that
 * level; and its {@code width}, the number of hashes or entries (256 for a full tile).
 */
public record TileId(int level, long index, int width) {
  /** The number of hashes or entries in a full tile. */
  public static final int FULL_WIDTH = 256;
  /** The pseudo-level of entry bundles. */
  public static final int ENTRIES = -1;
  /** The highest hash tile level: tile level L holds nodes of height 8L, and heights stop at 63. */
  public static final int MAX_LEVEL = 63;

  public TileId {
    if (level < ENTRIES || level > MAX_LEVEL || index < 0 || width < 1 || width > FULL_WIDTH) {
      throw new IllegalArgumentException("invalid tile level " + level + ", index " + index + ", width " + width);
    }
  }

  /** Returns the hash tile at {@code level} and {@code index} with {@code width} hashes. */
  public static TileId hashes(int level, long index, int width) {
    if (level < 0) {
      throw new IllegalArgumentException("hash tile level must be >= 0, got " + level);
    }
    return new TileId(level, index, width);
  }

  /** Returns the entry bundle at {@code index} with {@code width} entries. */
  public static TileId entries(long index, int width) {
    return new TileId(ENTRIES, index, width);
  }

  public boolean isEntries() {
    return level == ENTRIES;
  }

  public boolean isPartial() {
    return width < FULL_WIDTH;
  }

  /** Returns the full tile at the same place. */
  public TileId full() {
    return new TileId(level, index, FULL_WIDTH);
  }

  /** Returns the path relative to the log prefix, e.g. {@code tile/0/x001/234.p/7}. */
  public String path() {
    return TilePath.of(this);
  }

  @Override
  public String toString() {
    return path();
  }
}
