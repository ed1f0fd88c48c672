/**
 * C2SP tlog-tiles: tile and entry-bundle paths, contents and layout, trees rebuilt from tiles,
 * and the full audit of a tiled log against a checkpoint.
 */
package org.truce.verify.tiles;
