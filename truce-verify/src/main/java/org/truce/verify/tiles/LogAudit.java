package org.truce.verify.tiles;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.RootMismatchException;

/**
 * LogAudit checks a whole tiled log against a checkpoint, trusting nothing the server sends:
 *
 * <ol>
 *   <li>every entry bundle is read, and each entry's leaf hash is compared with the level-0 tile
 *       (a mismatch names the entry's index);
 *   <li>the tiles of every higher level are recomputed from the entries and compared with the
 *       served ones;
 *   <li>the root computed from the entries must equal the checkpoint's root.
 * </ol>
 *
 * This is the "verify everything" check of Tessera's fsck. The returned tree can then build
 * consistency proofs against older checkpoints.
 */
public final class LogAudit {
  /** The largest tree audited; the audit holds every leaf hash in memory. */
  public static final long MAX_SIZE = 1L << 24;

  private LogAudit() {}

  /** The outcome of a successful audit. */
  public record Result(TileTree tree, int resourcesRead) {}

  /**
   * Audits the log in {@code tiles} against {@code checkpoint}.
   *
   * @throws IOException if a resource cannot be read
   * @throws TileFormatException if a tile or bundle is malformed, or the log is too large
   * @throws EntryMismatchException if an entry does not match its level-0 tile hash
   * @throws TileMismatchException if a higher-level tile is not what the entries imply
   * @throws RootMismatchException if the entries do not produce the checkpoint's root
   */
  public static Result audit(TileFetcher tiles, Checkpoint checkpoint)
      throws IOException, TileFormatException, EntryMismatchException, TileMismatchException, RootMismatchException {
    if (checkpoint.size() > MAX_SIZE) {
      throw new TileFormatException("tree size " + checkpoint.size() + " exceeds the audit limit of " + MAX_SIZE);
    }
    TileTree tree = TileTree.fromLeafHashes(leafHashes(tiles, checkpoint.size()));
    checkUpperTiles(tiles, tree);
    byte[] root = tree.root();
    if (!MessageDigest.isEqual(checkpoint.rootHash(), root)) {
      throw new RootMismatchException("checkpoint root", checkpoint.rootHash(), root);
    }
    return new Result(tree, tiles.reads());
  }

  private static List<byte[]> leafHashes(TileFetcher tiles, long treeSize)
      throws IOException, TileFormatException, EntryMismatchException {
    List<byte[]> leafHashes = new ArrayList<>();
    for (TileId bundle : TileLayout.entryBundles(treeSize)) {
      TileId tile = TileId.hashes(0, bundle.index(), bundle.width());
      List<byte[]> entries = tiles.entries(bundle);
      List<byte[]> served = tiles.hashes(tile);
      for (int i = 0; i < entries.size(); i++) {
        byte[] leafHash = Hashes.leafHash(entries.get(i));
        if (!MessageDigest.isEqual(leafHash, served.get(i))) {
          throw new EntryMismatchException(bundle.index() * TileId.FULL_WIDTH + i, bundle, tile, leafHash, served.get(i));
        }
        leafHashes.add(leafHash);
      }
    }
    return leafHashes;
  }

  private static void checkUpperTiles(TileFetcher tiles, TileTree tree)
      throws IOException, TileFormatException, TileMismatchException {
    for (TileId tile : TileLayout.hashTiles(tree.size())) {
      if (tile.level() == 0) {
        continue; // already compared entry by entry
      }
      List<byte[]> computed = tree.tileHashes(tile);
      List<byte[]> served = tiles.hashes(tile);
      for (int i = 0; i < computed.size(); i++) {
        if (!MessageDigest.isEqual(computed.get(i), served.get(i))) {
          throw new TileMismatchException(tile, i, computed.get(i), served.get(i));
        }
      }
    }
  }
}
