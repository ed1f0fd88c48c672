package org.truce.verify.tiles;

import org.truce.verify.Hex;
import org.truce.verify.VerificationException;

/** An EntryMismatchException is an entry whose leaf hash differs from the hash the level-0 tile holds for it. */
public final class EntryMismatchException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final long index;

  public EntryMismatchException(long index, TileId bundle, TileId tile, byte[] leafHash, byte[] tileHash) {
    super(String.format("entry %d does not match its tile: %s gives leaf hash %s, %s has %s",
        index, bundle, Hex.encode(leafHash), tile, Hex.encode(tileHash)));
    this.index = index;
  }

  /** Returns the index of the entry in the log. */
  public long index() {
    return index;
  }
}
