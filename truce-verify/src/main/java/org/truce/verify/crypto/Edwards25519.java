package org.truce.verify.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Edwards25519 is a small, variable-time implementation of the Ed25519 verification equation with
 * exactly the acceptance rules of Go's crypto/ed25519 (RFC 8032 "cofactorless" check).
 *
 * <p>It exists because the JDK's verifier refuses public keys that are non-canonical encodings
 * (y ≥ p, or x = 0 with the sign bit set), which Go decodes and uses. Go is what public witnesses
 * run, and a verifier must not disagree with them about whether a signature is valid. Only such
 * keys are routed here (see {@link Ed25519PublicKey}); it also answers {@link #isSmallOrder}.
 * Verification handles only public data, so constant time is not needed.
 *
 * <p>Points are in extended twisted Edwards coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z, and
 * are added with the complete formula of Hisil–Wong–Carter–Dawson 2008 for a = -1.
 */
final class Edwards25519 {
  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
  private static final BigInteger D = BigInteger.valueOf(-121665).multiply(inverse(BigInteger.valueOf(121666))).mod(P);
  private static final BigInteger D2 = D.add(D).mod(P);
  private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
  private static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
  private static final Point BASE = basePoint();

  private Edwards25519() {}

  /** A point in extended coordinates. */
  record Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
    Point add(Point q) {
      BigInteger a = y.subtract(x).multiply(q.y.subtract(q.x)).mod(P);
      BigInteger b = y.add(x).multiply(q.y.add(q.x)).mod(P);
      BigInteger c = t.multiply(D2).multiply(q.t).mod(P);
      BigInteger d = z.add(z).multiply(q.z).mod(P);
      BigInteger e = b.subtract(a);
      BigInteger f = d.subtract(c);
      BigInteger g = d.add(c);
      BigInteger h = b.add(a);
      return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
    }

    Point negate() {
      return new Point(P.subtract(x).mod(P), y, z, P.subtract(t).mod(P));
    }

    boolean isIdentity() {
      return x.signum() == 0 && y.equals(z);
    }

    byte[] encode() {
      BigInteger zInv = inverse(z);
      BigInteger affineX = x.multiply(zInv).mod(P);
      BigInteger affineY = y.multiply(zInv).mod(P);
      byte[] out = littleEndian(affineY);
      if (affineX.testBit(0)) {
        out[31] |= (byte) 0x80;
      }
      return out;
    }
  }

  /**
   * Returns Go's verdict on {@code signature} over {@code message} by {@code publicKey}: S must be
   * canonical (S < L), A must decode (non-canonical y accepted), and the encoding of [S]B - [k]A
   * must equal the R bytes, with k = SHA-512(R || A || M) mod L.
   */
  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    BigInteger s = fromLittleEndian(Arrays.copyOfRange(signature, 32, 64));
    if (s.compareTo(L) >= 0) {
      return false;
    }
    Optional<Point> a = decode(publicKey);
    if (a.isEmpty()) {
      return false;
    }
    BigInteger k = fromLittleEndian(sha512(Arrays.copyOfRange(signature, 0, 32), publicKey, message)).mod(L);
    Point r = doubleScalarMultiply(s, BASE, k, a.get().negate());
    return MessageDigest.isEqual(r.encode(), Arrays.copyOfRange(signature, 0, 32));
  }

  /** Returns true if {@code publicKey} decodes to a point of order 1, 2, 4 or 8. */
  static boolean isSmallOrder(byte[] publicKey) {
    Optional<Point> point = decode(publicKey);
    if (point.isEmpty()) {
      return false;
    }
    Point p = point.get();
    for (int i = 0; i < 3; i++) {
      p = p.add(p);
    }
    return p.isIdentity();
  }

  /** Returns true if the JDK would load this key: y < p, and not x = 0 with the sign bit set. */
  static boolean isCanonicalEncoding(byte[] publicKey) {
    BigInteger y = yOf(publicKey);
    boolean signBit = (publicKey[31] & 0x80) != 0;
    boolean xIsZero = y.equals(BigInteger.ONE) || y.equals(P.subtract(BigInteger.ONE));
    return y.compareTo(P) < 0 && !(signBit && xIsZero);
  }

  /** Decodes as Go's edwards25519 Point.SetBytes does: y is reduced mod p, "-0" is accepted. */
  static Optional<Point> decode(byte[] encoded) {
    BigInteger y = yOf(encoded).mod(P);
    BigInteger yy = y.multiply(y).mod(P);
    BigInteger u = yy.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(yy).add(BigInteger.ONE).mod(P);
    Optional<BigInteger> root = sqrtRatio(u, v);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    BigInteger x = root.get();
    if ((encoded[31] & 0x80) != 0) {
      x = P.subtract(x).mod(P);
    }
    return Optional.of(new Point(x, y, BigInteger.ONE, x.multiply(y).mod(P)));
  }

  /** Returns the even square root of u/v, if u/v is a square (RFC 8032 §5.1.3 step 2-3). */
  private static Optional<BigInteger> sqrtRatio(BigInteger u, BigInteger v) {
    BigInteger v3 = v.pow(3).mod(P);
    BigInteger v7 = v3.multiply(v3).multiply(v).mod(P);
    BigInteger exponent = P.subtract(BigInteger.valueOf(5)).shiftRight(3);
    BigInteger x = u.multiply(v3).multiply(u.multiply(v7).mod(P).modPow(exponent, P)).mod(P);
    BigInteger check = v.multiply(x).multiply(x).mod(P);
    if (check.equals(P.subtract(u).mod(P))) {
      x = x.multiply(SQRT_M1).mod(P);
    } else if (!check.equals(u)) {
      return Optional.empty();
    }
    return Optional.of(x.testBit(0) ? P.subtract(x) : x);
  }

  private static Point doubleScalarMultiply(BigInteger s, Point p, BigInteger k, Point q) {
    Point sum = p.add(q);
    Point acc = IDENTITY;
    for (int i = Math.max(s.bitLength(), k.bitLength()) - 1; i >= 0; i--) {
      acc = acc.add(acc);
      boolean sBit = s.testBit(i);
      boolean kBit = k.testBit(i);
      if (sBit && kBit) {
        acc = acc.add(sum);
      } else if (sBit) {
        acc = acc.add(p);
      } else if (kBit) {
        acc = acc.add(q);
      }
    }
    return acc;
  }

  private static Point basePoint() {
    BigInteger y = BigInteger.valueOf(4).multiply(inverse(BigInteger.valueOf(5))).mod(P);
    return decode(littleEndian(y)).orElseThrow();
  }

  private static BigInteger yOf(byte[] encoded) {
    byte[] copy = encoded.clone();
    copy[31] &= 0x7f;
    return fromLittleEndian(copy);
  }

  private static BigInteger inverse(BigInteger value) {
    return value.modPow(P.subtract(BigInteger.TWO), P);
  }

  static BigInteger fromLittleEndian(byte[] bytes) {
    byte[] bigEndian = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      bigEndian[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  private static byte[] littleEndian(BigInteger value) {
    byte[] out = new byte[32];
    byte[] bigEndian = value.toByteArray();
    for (int i = 0; i < bigEndian.length && i < 32; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }

  private static byte[] sha512(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-512");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
  }
}
