package org.truce.verify.note;

import java.util.Arrays;
import org.truce.verify.Base64Strict;

/**
 * A VerifierKey is a parsed signed-note verifier key, {@code <name>+<hex key ID>+base64(type ||
 * public key)}, for one of the signature types this verifier supports: {@link #TYPE_ED25519}
 * (note signatures) and {@link #TYPE_COSIGNATURE_V1} (tlog-cosignature witness signatures).
 *
 * <p>The key ID is recomputed and must equal the one in the text, for every type. Some libraries
 * skip this check for some types; we do not, because the ID is what selects the key for a
 * signature line.
 */
public final class VerifierKey {
  /** Signature type of Ed25519 note signatures (c2sp.org/signed-note). */
  public static final byte TYPE_ED25519 = 0x01;
  /** Signature type of timestamped Ed25519 cosignatures (c2sp.org/tlog-cosignature). */
  public static final byte TYPE_COSIGNATURE_V1 = 0x04;

  private static final int ED25519_KEY_SIZE = 32;

  private final String name;
  private final int keyId;
  private final byte type;
  private final byte[] publicKey;

  private VerifierKey(String name, int keyId, byte type, byte[] publicKey) {
    this.name = name;
    this.keyId = keyId;
    this.type = type;
    this.publicKey = publicKey;
  }

  /**
   * Parses a vkey. The text is split at its first two '+' only, because base64 may contain '+'.
   *
   * @throws KeyFormatException if the text is malformed, the key ID does not match, or the type
   *     is not supported
   */
  public static VerifierKey parse(String vkey) throws KeyFormatException {
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3 || !KeyNames.isValid(parts[0]) || !parts[1].matches("[0-9a-fA-F]{8}")) {
      throw new KeyFormatException("malformed verifier key: want <name>+<8 hex digits>+<base64>, got \"" + vkey + "\"");
    }
    byte[] key = decodeKey(parts[2]);
    int claimed = Integer.parseUnsignedInt(parts[1], 16);
    int computed = KeyId.of(parts[0], key[0], Arrays.copyOfRange(key, 1, key.length));
    if (claimed != computed) {
      throw new KeyFormatException(String.format(
          "key ID mismatch in verifier key for %s: key says %08x, computed %08x", parts[0], claimed, computed));
    }
    return of(parts[0], key[0], Arrays.copyOfRange(key, 1, key.length));
  }

  /**
   * Returns the key of {@code type} with this name and public key; its ID is computed.
   *
   * @throws KeyFormatException if the name is invalid, the type unsupported or the key the wrong size
   */
  public static VerifierKey of(String name, byte type, byte[] publicKey) throws KeyFormatException {
    if (!KeyNames.isValid(name)) {
      throw new KeyFormatException("invalid key name \"" + name + "\": must be non-empty, without spaces or '+'");
    }
    if (type != TYPE_ED25519 && type != TYPE_COSIGNATURE_V1) {
      throw new KeyFormatException(String.format("unsupported signature type 0x%02x in key for %s", type, name));
    }
    if (publicKey.length != ED25519_KEY_SIZE) {
      throw new KeyFormatException(String.format(
          "Ed25519 key for %s is %d bytes, want %d", name, publicKey.length, ED25519_KEY_SIZE));
    }
    return new VerifierKey(name, KeyId.of(name, type, publicKey), type, publicKey.clone());
  }

  private static byte[] decodeKey(String base64) throws KeyFormatException {
    byte[] key;
    try {
      key = Base64Strict.decode(base64);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("verifier key is not valid base64: " + e.getMessage());
    }
    if (key.length == 0) {
      throw new KeyFormatException("verifier key has no type byte and no key");
    }
    return key;
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  public byte type() {
    return type;
  }

  /** Returns the raw public key, without the type byte. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Returns the vkey text form, which {@link #parse} reads back. */
  public String encode() {
    byte[] typed = new byte[publicKey.length + 1];
    typed[0] = type;
    System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
    return name + "+" + KeyId.hex(keyId) + "+" + Base64Strict.encode(typed);
  }

  @Override
  public String toString() {
    return encode();
  }
}
