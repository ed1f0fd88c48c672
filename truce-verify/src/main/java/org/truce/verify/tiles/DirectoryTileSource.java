package org.truce.verify.tiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A DirectoryTileSource reads tiles laid out under a directory as tlog-tiles paths (as Tessera's POSIX log writes them). */
public final class DirectoryTileSource implements TileSource {
  private final Path root;

  public DirectoryTileSource(Path root) {
    this.root = root;
  }

  @Override
  public Optional<byte[]> read(TileId tile) throws IOException {
    Path file = root.resolve(tile.path());
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }
}
