package org.truce.verify.tiles;

import org.truce.verify.VerificationException;

/** A TileFormatException is a tile or entry bundle whose bytes do not have the expected shape. */
public final class TileFormatException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public TileFormatException(String message) {
    super(message);
  }
}
