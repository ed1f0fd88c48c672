/**
 * Where the Merkle log publishes: the {@link org.truce.log.merkle.tiles.TileStore} port (tiles,
 * entry bundles, and the latest checkpoint behind a compare-and-swap with a fencing token) and
 * {@link org.truce.log.merkle.tiles.FileTileStore}, the c2sp.org/tlog-tiles directory layout.
 */
package org.truce.log.merkle.tiles;
