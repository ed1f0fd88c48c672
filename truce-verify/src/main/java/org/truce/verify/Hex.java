package org.truce.verify;

import java.util.HexFormat;

/** Hex is lowercase hexadecimal encoding, as used in messages, key IDs and test vectors. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  /** Returns the lowercase hex encoding of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * Decodes hex digits (either case).
   *
   * @throws IllegalArgumentException if {@code hex} has an odd length or a non-hex character
   */
  public static byte[] decode(String hex) {
    return HEX.parseHex(hex);
  }
}
