package org.truce.verify.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.truce.verify.merkle.Hashes;

/**
 * KeyId computes signed-note key IDs: the first four bytes, big-endian, of SHA-256(key name ||
 * 0x0A || signature type || public key).
 */
public final class KeyId {
  private KeyId() {}

  /** Returns the key ID of the key {@code publicKey} of signature type {@code type} named {@code name}. */
  public static int of(String name, byte type, byte[] publicKey) {
    MessageDigest digest = Hashes.newSha256();
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    digest.update(type);
    digest.update(publicKey);
    return ByteBuffer.wrap(digest.digest()).getInt();
  }

  /** Returns the key ID as 8 lowercase hex digits, as in a vkey. */
  public static String hex(int keyId) {
    return String.format("%08x", keyId);
  }
}
