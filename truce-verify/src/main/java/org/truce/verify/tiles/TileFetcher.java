package org.truce.verify.tiles;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A TileFetcher reads and parses tiles from a {@link TileSource}. A log may delete a partial tile
 * once the full tile exists (tlog-tiles), so when a partial tile is missing the full one is read
 * and its prefix used. Not thread-safe.
 */
public final class TileFetcher {
  private final TileSource source;
  private int reads;

  public TileFetcher(TileSource source) {
    this.source = source;
  }

  /**
   * Returns the hashes of {@code tile}.
   *
   * @throws IOException if neither the tile nor its full form can be read
   * @throws TileFormatException if the bytes are not a tile of that width
   */
  public List<byte[]> hashes(TileId tile) throws IOException, TileFormatException {
    Optional<byte[]> data = read(tile);
    if (data.isPresent()) {
      return TileHashes.parse(tile, data.get());
    }
    return TileHashes.parse(tile.full(), readFull(tile)).subList(0, tile.width());
  }

  /**
   * Returns the entries of {@code bundle}.
   *
   * @throws IOException if neither the bundle nor its full form can be read
   * @throws TileFormatException if the bytes are not a bundle of that width
   */
  public List<byte[]> entries(TileId bundle) throws IOException, TileFormatException {
    Optional<byte[]> data = read(bundle);
    if (data.isPresent()) {
      return EntryBundle.parse(bundle, data.get());
    }
    return EntryBundle.parse(bundle.full(), readFull(bundle)).subList(0, bundle.width());
  }

  /** Returns how many resources were read so far, fallbacks included. */
  public int reads() {
    return reads;
  }

  private Optional<byte[]> read(TileId tile) throws IOException {
    reads++;
    return source.read(tile);
  }

  private byte[] readFull(TileId tile) throws IOException {
    if (!tile.isPartial()) {
      throw new IOException("not found: " + tile.path());
    }
    return read(tile.full()).orElseThrow(() -> new IOException("not found: " + tile.path() + " nor " + tile.full().path()));
  }
}
