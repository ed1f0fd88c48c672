package org.truce.verify.tiles;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TilePath encodes and parses c2sp.org/tlog-tiles paths: {@code tile/<L>/<N>[.p/<W>]} for hash
 * tiles and {@code tile/entries/<N>[.p/<W>]} for entry bundles.
 *
 * <p>N is written in zero-padded groups of three digits, every group but the last prefixed with
 * {@code x}: 1234067 is {@code x001/x234/067}, 5 is {@code 005}. This differs from the Go
 * checksum database, whose paths also carry the tile height and say {@code data} for entries.
 */
public final class TilePath {
  private static final Pattern PATH = Pattern.compile(
      "tile/(entries|0|[1-9][0-9]?)/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");

  private TilePath() {}

  /** Returns the path of {@code tile}. */
  public static String of(TileId tile) {
    String level = tile.isEntries() ? "entries" : Integer.toString(tile.level());
    String path = "tile/" + level + "/" + encodeIndex(tile.index());
    return tile.isPartial() ? path + ".p/" + tile.width() : path;
  }

  /**
   * Returns the path element for tile index {@code index}.
   *
   * @throws IllegalArgumentException if the index is negative
   */
  public static String encodeIndex(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("tile index must be >= 0, got " + index);
    }
    String digits = Long.toString(index);
    digits = "0".repeat((3 - digits.length() % 3) % 3) + digits;
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      if (i + 3 < digits.length()) {
        path.append('x').append(digits, i, i + 3).append('/');
      } else {
        path.append(digits, i, i + 3);
      }
    }
    return path.toString();
  }

  /**
   * Parses a tile path, as a server routing requests would. Only the canonical encoding of each
   * tile is accepted, so that each resource has exactly one name.
   */
  public static Optional<TileId> parse(String path) {
    Matcher matcher = PATH.matcher(path);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long index;
    try {
      index = Long.parseLong(matcher.group(2).replace("x", "").replace("/", ""));
    } catch (NumberFormatException e) {
      return Optional.empty(); // beyond 2^63-1
    }
    int level = matcher.group(1).equals("entries") ? TileId.ENTRIES : Integer.parseInt(matcher.group(1));
    int width = matcher.group(3) == null ? TileId.FULL_WIDTH : Integer.parseInt(matcher.group(3));
    boolean partialTooWide = matcher.group(3) != null && width >= TileId.FULL_WIDTH;
    if (level > TileId.MAX_LEVEL || partialTooWide) {
      return Optional.empty();
    }
    TileId tile = new TileId(level, index, width);
    // Re-encoding rejects non-canonical spellings such as x000/005 for 005.
    return tile.path().equals(path) ? Optional.of(tile) : Optional.empty();
  }
}
