package org.truce.verify.note;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.truce.verify.Base64Strict;

/**
 * A NoteSignature is one signature line of a signed note: {@code — <key name>
 * base64(keyID || signature)}. Immutable.
 */
public final class NoteSignature {
  /** The line prefix: an em dash (U+2014) and a space. */
  public static final String PREFIX = "\u2014 ";

  private final String name;
  private final int keyId;
  private final byte[] signature;
  private final String base64;

  private NoteSignature(String name, int keyId, byte[] signature, String base64) {
    this.name = name;
    this.keyId = keyId;
    this.signature = signature;
    this.base64 = base64;
  }

  /** Returns the signature by key ({@code name}, {@code keyId}) with these signature bytes. */
  public static NoteSignature of(String name, int keyId, byte[] signature) {
    if (!KeyNames.isValid(name)) {
      throw new IllegalArgumentException("invalid key name \"" + name + "\"");
    }
    byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return new NoteSignature(name, keyId, signature.clone(), Base64Strict.encode(blob));
  }

  /**
   * Parses one line, without its newline.
   *
   * @throws NoteFormatException if the line is not a signature line
   */
  static NoteSignature parse(String line) throws NoteFormatException {
    if (!line.startsWith(PREFIX)) {
      throw new NoteFormatException("signature line does not start with \"\u2014 \": \"" + line + "\"");
    }
    String rest = line.substring(PREFIX.length());
    int space = rest.indexOf(' ');
    String name = space < 0 ? rest : rest.substring(0, space);
    String base64 = space < 0 ? "" : rest.substring(space + 1);
    if (!KeyNames.isValid(name)) {
      throw new NoteFormatException("invalid key name \"" + name + "\" in signature line");
    }
    byte[] blob = decode(name, base64);
    int keyId = ByteBuffer.wrap(blob).getInt();
    return new NoteSignature(name, keyId, Arrays.copyOfRange(blob, 4, blob.length), base64);
  }

  private static byte[] decode(String name, String base64) throws NoteFormatException {
    byte[] blob;
    try {
      blob = Base64Strict.decode(base64);
    } catch (IllegalArgumentException e) {
      throw new NoteFormatException("signature by " + name + " is not valid base64");
    }
    // A key ID and at least one signature byte.
    if (blob.length < 5) {
      throw new NoteFormatException("signature by " + name + " is " + blob.length + " bytes, want at least 5");
    }
    return blob;
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** Returns the signature bytes after the key ID. */
  public byte[] signature() {
    return signature.clone();
  }

  /** Returns the line, without its newline. */
  public String line() {
    return PREFIX + name + " " + base64;
  }

  /** Returns {@code name+keyid}, how keys are named in messages. */
  public String keyLabel() {
    return name + "+" + KeyId.hex(keyId);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoteSignature && line().equals(((NoteSignature) other).line());
  }

  @Override
  public int hashCode() {
    return line().hashCode();
  }

  @Override
  public String toString() {
    return line();
  }
}
