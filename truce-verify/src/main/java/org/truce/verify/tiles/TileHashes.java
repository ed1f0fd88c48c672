package org.truce.verify.tiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.truce.verify.merkle.Hashes;

/** TileHashes reads and writes hash tiles: the concatenation of {@code width} 32-byte hashes. */
public final class TileHashes {
  private TileHashes() {}

  /**
   * Returns the hashes of {@code tile} from its bytes.
   *
   * @throws TileFormatException if the data is not exactly width × 32 bytes
   */
  public static List<byte[]> parse(TileId tile, byte[] data) throws TileFormatException {
    if (tile.isEntries()) {
      throw new IllegalArgumentException(tile + " is an entry bundle, not a hash tile");
    }
    long want = (long) tile.width() * Hashes.SIZE;
    if (data.length != want) {
      throw new TileFormatException(String.format(
          "tile %s is %d bytes, want %d (%d hashes)", tile, data.length, want, tile.width()));
    }
    List<byte[]> hashes = new ArrayList<>(tile.width());
    for (int i = 0; i < tile.width(); i++) {
      hashes.add(Arrays.copyOfRange(data, i * Hashes.SIZE, (i + 1) * Hashes.SIZE));
    }
    return hashes;
  }

  /** Returns the bytes of a tile holding {@code hashes}. */
  public static byte[] encode(List<byte[]> hashes) {
    byte[] data = new byte[hashes.size() * Hashes.SIZE];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i), 0, data, i * Hashes.SIZE, Hashes.SIZE);
    }
    return data;
  }
}
