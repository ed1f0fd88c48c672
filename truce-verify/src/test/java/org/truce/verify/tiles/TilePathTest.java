package org.truce.verify.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.truce.verify.testing.Json;
import org.truce.verify.testing.Vectors;

/** Tile paths and layout, with the C2SP tlog-tiles examples (tlog/c2sp-spec-examples.json). */
class TilePathTest {
  private static final Json.Node TILES = Vectors.json("c2sp-spec-examples.json").get("tlog_tiles_examples");

  @Test
  void index_encoding_matches_the_spec() {
    for (Json.Node example : TILES.get("index_encoding").list()) {
      assertThat(TilePath.encodeIndex(example.get("N").uint64())).isEqualTo(example.get("path_element").str());
    }
    assertThat(TilePath.encodeIndex(5)).isEqualTo("005");
    assertThat(TilePath.encodeIndex(Long.MAX_VALUE)).isEqualTo("x009/x223/x372/x036/x854/x775/807");
  }

  @Test
  void a_tree_of_70000_has_the_partial_tiles_the_spec_lists() {
    Json.Node example = TILES.get("tree_size_70000");
    List<TileId> tiles = TileLayout.hashTiles(70000);
    assertThat(tiles.stream().filter(TileId::isPartial).map(TileId::path).collect(Collectors.toList()))
        .containsExactlyElementsOf(example.get("derived_partial_paths").strings());
    assertThat(tiles.stream().filter(t -> t.level() == 0 && !t.isPartial()).count()).isEqualTo(273);
    assertThat(tiles.stream().filter(t -> t.level() == 1 && !t.isPartial()).count()).isEqualTo(1);
    List<TileId> bundles = TileLayout.entryBundles(70000);
    assertThat(bundles.get(bundles.size() - 1).path()).isEqualTo(example.get("derived_partial_entry_bundle").str());
  }

  @Test
  void a_tree_of_256_has_one_full_tile_and_a_partial_level_1_tile() {
    List<String> paths = TileLayout.hashTiles(256).stream().map(TileId::path).collect(Collectors.toList());
    paths.addAll(TileLayout.entryBundles(256).stream().map(TileId::path).collect(Collectors.toList()));
    assertThat(paths).containsExactlyElementsOf(TILES.get("tree_size_256").get("derived_paths").strings());
    assertThat(TileLayout.hashTiles(0)).isEmpty();
    assertThat(TILES.get("full_tile_bytes").intValue()).isEqualTo(TileId.FULL_WIDTH * 32);
  }

  @Test
  void paths_parse_back_to_their_tiles() {
    for (TileId tile : List.of(TileId.hashes(0, 0, 256), TileId.hashes(2, 1234067, 17), TileId.entries(273, 112),
        TileId.entries(1000, 256), TileId.hashes(63, Long.MAX_VALUE, 1))) {
      assertThat(TilePath.parse(tile.path())).contains(tile);
    }
  }

  @Test
  void non_canonical_and_foreign_paths_are_rejected() {
    List<String> bad = List.of("tile/0/5", "tile/0/x000/005", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/007",
        "tile/64/000", "tile/00/000", "tile/data/000", "tile/0/x1234/000", "tile/entries/001/000", "checkpoint");
    for (String path : bad) {
      assertThat(TilePath.parse(path)).as(path).isEmpty();
    }
    // The Go checksum database's paths carry the tile height and say "data": not tlog-tiles.
    Json.Node go = Vectors.json("c2sp-spec-examples.json").get("go_sumdb_tile_paths_NOT_tlog_tiles");
    for (Json.Node path : go.get("valid").list()) {
      assertThat(TilePath.parse(path.get("path").str())).as(path.get("path").str()).isEmpty();
    }
    for (String path : go.get("invalid").strings()) {
      assertThat(TilePath.parse(path)).isEmpty();
    }
  }

  @Test
  void widths_follow_the_tree_size() {
    assertThat(TileLayout.width(0, 273, 70000)).isEqualTo(112);
    assertThat(TileLayout.width(1, 1, 70000)).isEqualTo(17);
    assertThat(TileLayout.width(2, 0, 70000)).isEqualTo(1);
    assertThat(TileLayout.levelCount(70000)).isEqualTo(3);
    assertThat(TileLayout.levelCount(255)).isEqualTo(1);
    assertThat(TileLayout.levelCount(0)).isEqualTo(0);
  }
}
