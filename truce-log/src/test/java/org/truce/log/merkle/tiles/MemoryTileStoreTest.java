package org.truce.log.merkle.tiles;

import org.truce.log.merkle.testing.MemoryTileStore;

/** The contract on the in-memory test store, so that the tests using it test the real semantics. */
class MemoryTileStoreTest extends TileStoreContract {
    private final MemoryTileStore shared = new MemoryTileStore();

    @Override
    TileStore openStore() {
        return shared;
    }

    @Override
    TileStore openSameStoreAgain() {
        return shared;
    }
}
