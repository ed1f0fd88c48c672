package org.truce.verify.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A StateFile keeps the last checkpoint this verifier accepted for one log, as the exact signed
 * note bytes, so that the next run can check that the log only grew.
 */
final class StateFile {
  private final Path path;

  StateFile(Path path) {
    this.path = path;
  }

  /** Returns {@code ~/.truce-verify/<origin>.checkpoint}, with unsafe characters of the origin replaced by '_'. */
  static Path defaultPath(String origin) {
    return Path.of(System.getProperty("user.home"), ".truce-verify", sanitise(origin) + ".checkpoint");
  }

  // Two origins may sanitise to the same name; the file holds the full checkpoint, whose origin is
  // checked on load, so a collision is reported rather than trusted.
  static String sanitise(String origin) {
    return origin.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  Path path() {
    return path;
  }

  /** Returns the saved checkpoint note, or empty if there is none yet. */
  Optional<byte[]> load() throws IOException {
    return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
  }

  /**
   * Replaces the saved checkpoint. The note is written to a temporary file in the same directory,
   * forced to disk and renamed over the old one, so a crash leaves either the old or the new
   * checkpoint, never a torn one.
   */
  void save(byte[] note) throws IOException {
    Path directory = path.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, path.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(note));
        channel.force(true);
      }
      move(temporary);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private void move(Path temporary) throws IOException {
    try {
      Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
