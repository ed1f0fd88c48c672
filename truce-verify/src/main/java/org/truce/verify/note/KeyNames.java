package org.truce.verify.note;

/** KeyNames checks signed-note key names: non-empty, no Unicode white space, no '+'. */
final class KeyNames {
  private KeyNames() {}

  static boolean isValid(String name) {
    return !name.isEmpty() && name.codePoints().noneMatch(c -> c == '+' || isSpace(c));
  }

  /**
   * Returns true for the Unicode White_Space characters, the set Go's {@code unicode.IsSpace}
   * uses. Java's {@code Character.isWhitespace} is a different set (it leaves out U+00A0 and
   * U+202F and adds U+001C..U+001F), so the list is spelled out.
   */
  static boolean isSpace(int c) {
    return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0x85 || c == 0xa0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
        || c == 0x3000;
  }
}
