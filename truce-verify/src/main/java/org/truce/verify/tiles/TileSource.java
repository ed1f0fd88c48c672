package org.truce.verify.tiles;

import java.io.IOException;
import java.util.Optional;

/** A TileSource serves the raw bytes of tiles and entry bundles, e.g. over HTTP or from a directory. */
@FunctionalInterface
public interface TileSource {
  /**
   * Returns the bytes of {@code tile}, or empty if the source does not have it.
   *
   * @throws IOException if the source could not be read
   */
  Optional<byte[]> read(TileId tile) throws IOException;
}
