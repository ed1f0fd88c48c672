package org.truce.verify.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import org.truce.verify.Base64Strict;
import org.truce.verify.checkpoint.Cosignature;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.VerifierKey;

/**
 * TestSigner signs notes and cosignatures with a test Ed25519 seed, using the JDK. The verifier
 * module itself never signs; tests need signing to re-create vectors byte for byte and to make
 * notes and logs of their own.
 */
public final class TestSigner {
  private final String name;
  private final byte[] seed;
  private final byte[] publicKey;

  private TestSigner(String name, byte[] seed) {
    this.name = name;
    this.seed = seed.clone();
    this.publicKey = derivePublicKey(seed);
  }

  /** Returns the signer for a 32-byte seed. */
  public static TestSigner of(String name, byte[] seed) {
    return new TestSigner(name, seed);
  }

  /** Parses Go's signer key form {@code PRIVATE+KEY+<name>+<hex id>+base64(0x01 || seed)}. */
  public static TestSigner fromSkey(String skey) {
    String[] parts = skey.split("\\+", 5);
    byte[] key = Base64Strict.decode(parts[4]);
    return new TestSigner(parts[2], Arrays.copyOfRange(key, 1, key.length));
  }

  /** Returns a signer with a seed drawn from {@code seedValue}, for generated tests. */
  public static TestSigner random(String name, long seedValue) {
    byte[] seed = new byte[32];
    new java.util.Random(seedValue).nextBytes(seed);
    return new TestSigner(name, seed);
  }

  public String name() {
    return name;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Returns the signed-note (type 0x01) verifier key. */
  public VerifierKey noteKey() throws KeyFormatException {
    return VerifierKey.of(name, VerifierKey.TYPE_ED25519, publicKey);
  }

  /** Returns the cosignature/v1 (type 0x04) verifier key of the same Ed25519 key. */
  public VerifierKey cosignatureKey() throws KeyFormatException {
    return VerifierKey.of(name, VerifierKey.TYPE_COSIGNATURE_V1, publicKey);
  }

  /** Returns the raw Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    try {
      PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the note signature line over {@code text}. */
  public NoteSignature signNote(String text) throws KeyFormatException {
    return NoteSignature.of(name, noteKey().keyId(), sign(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Returns the cosignature/v1 line over the checkpoint {@code text} at {@code timestamp}. */
  public NoteSignature cosign(String text, long timestamp) throws KeyFormatException {
    byte[] signature = sign(Cosignature.message(timestamp, text.getBytes(StandardCharsets.UTF_8)));
    byte[] blob = ByteBuffer.allocate(8 + signature.length).putLong(timestamp).put(signature).array();
    return NoteSignature.of(name, cosignatureKey().keyId(), blob);
  }

  private static byte[] derivePublicKey(byte[] seed) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
      KeyPair pair = generator.generateKeyPair();
      return encode((EdECPublicKey) pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encode(EdECPublicKey key) {
    byte[] bigEndian = key.getPoint().getY().toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < bigEndian.length && i < 32; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    if (key.getPoint().isXOdd()) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  /** The JDK generates an Ed25519 key pair from 32 random bytes: this hands it the seed. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
