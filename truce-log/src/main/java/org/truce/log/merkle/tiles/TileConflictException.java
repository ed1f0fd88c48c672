package org.truce.log.merkle.tiles;

import org.truce.verify.tiles.TileId;

/**
 * A TileConflictException is a write that would replace a stored tile or entry bundle with other
 * bytes. A tlog-tiles resource never changes once written (clients and mirrors cache it forever),
 * and the same log can only ever produce the same bytes for it, so a different write means that the
 * entries or the tree differ from those already published.
 */
public final class TileConflictException extends StoreConflictException {
    private static final long serialVersionUID = 1L;

    private final transient TileId tile;

    public TileConflictException(TileId tile, String detail) {
        super("refusing to change " + tile.path() + ": " + detail);
        this.tile = tile;
    }

    /** Returns the resource whose bytes would have changed. */
    public TileId tile() {
        return tile;
    }
}
