package org.truce.verify.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * An Ed25519PublicKey is a 32-byte RFC 8032 public key that verifies signatures exactly as Go's
 * crypto/ed25519 does.
 *
 * <p>Verification uses the JDK's own {@code Ed25519} {@link Signature} (SunEC). On the C2SP CCTV
 * edge-case vectors SunEC never accepts a signature that Go rejects; it only refuses public keys
 * that are non-canonical encodings, which Go accepts. Those keys (all of them encodings of
 * small-order points in practice) are checked by {@link Edwards25519} instead, so the verdict
 * agrees with Go on every vector. Bouncy Castle is not used: it verifies with the cofactor and
 * accepts signatures that Go rejects.
 *
 * <p>Immutable and thread-safe.
 */
public final class Ed25519PublicKey {
  /** The size of an encoded public key. */
  public static final int KEY_SIZE = 32;
  /** The size of a signature: R (32) || S (32). */
  public static final int SIGNATURE_SIZE = 64;

  private final byte[] encoded;
  private final PublicKey jdkKey; // null when the JDK refuses the encoding

  private Ed25519PublicKey(byte[] encoded, PublicKey jdkKey) {
    this.encoded = encoded;
    this.jdkKey = jdkKey;
  }

  /**
   * Returns the key with this RFC 8032 encoding. Like Go, it does not check that the bytes are a
   * point on the curve; a key that is not simply verifies nothing.
   *
   * @throws IllegalArgumentException if {@code encoded} is not 32 bytes
   */
  public static Ed25519PublicKey of(byte[] encoded) {
    if (encoded.length != KEY_SIZE) {
      throw new IllegalArgumentException("Ed25519 public key is " + encoded.length + " bytes, want " + KEY_SIZE);
    }
    byte[] copy = encoded.clone();
    PublicKey jdkKey = Edwards25519.isCanonicalEncoding(copy) ? toJdkKey(copy) : null;
    return new Ed25519PublicKey(copy, jdkKey);
  }

  /** Returns the 32-byte encoding. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * Returns true if the key is a point of small order (1, 2, 4 or 8). Signatures under such a key
   * can be made without any secret, so configured keys should be refused (Go does not).
   */
  public boolean isSmallOrder() {
    return Edwards25519.isSmallOrder(encoded);
  }

  /** Returns whether {@code signature} is a valid Ed25519 signature of {@code message}. */
  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_SIZE) {
      return false;
    }
    // Go rejects S >= L before anything else; SunEC does too, but say so here rather than rely on it.
    if (Edwards25519.fromLittleEndian(Arrays.copyOfRange(signature, 32, 64)).compareTo(Edwards25519.L) >= 0) {
      return false;
    }
    if (jdkKey == null) {
      return Edwards25519.verify(encoded, message, signature);
    }
    return verifyWithJdk(message, signature);
  }

  private boolean verifyWithJdk(byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(jdkKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (InvalidKeyException | SignatureException e) {
      // The key is not on the curve, or R does not decode: Go rejects both (R is compared as bytes
      // with a canonical encoding, and A must decode).
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  private static PublicKey toJdkKey(byte[] encoded) {
    byte[] bigEndianY = new byte[KEY_SIZE];
    for (int i = 0; i < KEY_SIZE; i++) {
      bigEndianY[i] = encoded[KEY_SIZE - 1 - i];
    }
    boolean xOdd = (bigEndianY[0] & 0x80) != 0;
    bigEndianY[0] &= 0x7f;
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndianY));
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    } catch (InvalidKeySpecException e) {
      return null; // not loadable by the JDK: Edwards25519 decides, as Go would
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Ed25519PublicKey && Arrays.equals(encoded, ((Ed25519PublicKey) other).encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }
}
