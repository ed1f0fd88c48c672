package org.truce.verify;

import java.util.Base64;

/**
 * Base64Strict decodes RFC 4648 §4 base64 (standard alphabet) with mandatory padding, as C2SP
 * formats use it.
 *
 * <p>The JDK decoder on its own accepts input without padding; Go's {@code StdEncoding}, which
 * the reference implementations use, does not, and neither do we, so that the same bytes are
 * accepted by both.
 */
public final class Base64Strict {
  private Base64Strict() {}

  /**
   * Decodes {@code text}.
   *
   * @throws IllegalArgumentException if the text is not padded base64 of the standard alphabet
   */
  public static byte[] decode(String text) {
    if (text.length() % 4 != 0) {
      throw new IllegalArgumentException("base64 length " + text.length() + " is not a multiple of 4");
    }
    return Base64.getDecoder().decode(text);
  }

  /** Returns the padded standard base64 encoding of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
