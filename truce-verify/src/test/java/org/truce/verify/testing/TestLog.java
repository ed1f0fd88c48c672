package org.truce.verify.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.SignedNote;
import org.truce.verify.tiles.EntryBundle;
import org.truce.verify.tiles.TileHashes;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileLayout;
import org.truce.verify.tiles.TileTree;

/** TestLog writes a tlog-tiles log directory, as a log server would publish it, for tests. */
public final class TestLog {
  private TestLog() {}

  /** Returns entries "entry 0", "entry 1", ... */
  public static List<byte[]> entries(int count) {
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }
    return entries;
  }

  /**
   * Writes every tile and bundle for {@code entries} (full ones, and the partial ones of this
   * size) and a checkpoint signed by {@code signer}, whose name is the origin. Returns the note.
   */
  public static byte[] write(Path dir, List<byte[]> entries, TestSigner signer) throws IOException, KeyFormatException {
    List<byte[]> leaves = new ArrayList<>();
    entries.forEach(e -> leaves.add(Hashes.leafHash(e)));
    TileTree tree = TileTree.fromLeafHashes(leaves);
    for (TileId tile : TileLayout.hashTiles(entries.size())) {
      put(dir, tile, TileHashes.encode(tree.tileHashes(tile)));
    }
    for (TileId bundle : TileLayout.entryBundles(entries.size())) {
      int start = (int) bundle.index() * TileId.FULL_WIDTH;
      put(dir, bundle, EntryBundle.encode(entries.subList(start, start + bundle.width())));
    }
    return writeCheckpoint(dir, Checkpoint.of(signer.name(), entries.size(), tree.root()), signer);
  }

  /** Writes {@code checkpoint}, signed by {@code signer}, as the log's checkpoint. */
  public static byte[] writeCheckpoint(Path dir, Checkpoint checkpoint, TestSigner signer) throws IOException, KeyFormatException {
    String body = checkpoint.body();
    byte[] note = SignedNote.of(body, List.of(signer.signNote(body))).toBytes();
    Files.createDirectories(dir);
    Files.write(dir.resolve("checkpoint"), note);
    return note;
  }

  private static void put(Path dir, TileId tile, byte[] data) throws IOException {
    Path file = dir.resolve(tile.path());
    Files.createDirectories(file.getParent());
    Files.write(file, data);
  }

  /** Copies a directory tree. */
  public static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
