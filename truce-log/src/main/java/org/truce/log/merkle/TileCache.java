package org.truce.log.merkle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.truce.verify.tiles.TileId;

/**
 * A TileCache keeps the {@link TileNodes} of recently read tiles, least recently used first out.
 * Entries never go stale: a stored resource's bytes never change, and a partial tile of another
 * width is another key. Thread-safe; a tile missed by two threads at once is loaded twice, which is
 * harmless.
 */
final class TileCache {
    private final int capacityTiles;
    private final Map<TileId, TileNodes> tiles;

    TileCache(int capacityTiles) {
        if (capacityTiles < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, got " + capacityTiles);
        }
        this.capacityTiles = capacityTiles;
        this.tiles = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TileId, TileNodes> eldest) {
                return size() > TileCache.this.capacityTiles;
            }
        };
    }

    /** A cache that keeps nothing, for reads that must come from the store. */
    static TileCache none() {
        return new TileCache(0);
    }

    /** True if the cache keeps nothing: every read goes to the store. */
    boolean isOff() {
        return capacityTiles == 0;
    }

    TileNodes get(TileId tile, Supplier<TileNodes> loader) {
        synchronized (tiles) {
            TileNodes cached = tiles.get(tile);
            if (cached != null) {
                return cached;
            }
        }
        TileNodes loaded = loader.get(); // outside the lock: a read must not hold up other proofs
        if (capacityTiles > 0) {
            synchronized (tiles) {
                tiles.put(tile, loaded);
            }
        }
        return loaded;
    }
}
