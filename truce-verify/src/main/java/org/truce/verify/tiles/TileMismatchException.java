package org.truce.verify.tiles;

import org.truce.verify.Hex;
import org.truce.verify.VerificationException;

/** A TileMismatchException is a hash in a served tile that differs from the one computed from the entries. */
public final class TileMismatchException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public TileMismatchException(TileId tile, int position, byte[] computed, byte[] served) {
    super(String.format("tile %s hash %d mismatch: computed from entries %s, served %s",
        tile, position, Hex.encode(computed), Hex.encode(served)));
  }
}
