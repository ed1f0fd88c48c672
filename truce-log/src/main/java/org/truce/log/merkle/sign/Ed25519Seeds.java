package org.truce.log.merkle.sign;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import org.truce.verify.crypto.Ed25519PublicKey;

/**
 * Ed25519 keys from their 32-byte RFC 8032 seed, with the JDK's own provider. The seed is the
 * whole private key (Go's {@code ed25519.NewKeyFromSeed}); the JDK has no call that derives the
 * public key from it, but its key pair generator draws exactly 32 bytes of randomness as the seed,
 * so handing it the seed as its randomness yields the matching public key.
 */
final class Ed25519Seeds {
    static final int SEED_BYTES = 32;
    private static final byte[] PROBE = "truce key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Ed25519Seeds() {}

    static byte[] randomSeed() {
        byte[] seed = new byte[SEED_BYTES];
        new SecureRandom().nextBytes(seed);
        return seed;
    }

    static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot load an Ed25519 private key", e);
        }
    }

    /**
     * Returns the 32-byte public key of {@code seed}, checked by signing a probe message and
     * verifying it with truce-verify's verifier, so that a provider that derived keys differently
     * could never make the log sign with a key its verifiers reject.
     */
    static byte[] publicKey(byte[] seed) {
        byte[] publicKey;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandomness(seed));
            publicKey = encode((EdECPublicKey) generator.generateKeyPair().getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot derive an Ed25519 public key", e);
        }
        if (!Ed25519PublicKey.of(publicKey).verify(PROBE, sign(privateKey(seed), PROBE))) {
            throw new IllegalStateException("the JDK's Ed25519 key pair generator did not derive the public key of the seed");
        }
        return publicKey;
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** RFC 8032 encoding: y in little-endian, the parity of x in the top bit. */
    private static byte[] encode(EdECPublicKey key) {
        BigInteger y = key.getPoint().getY();
        byte[] bigEndian = y.toByteArray();
        byte[] encoded = new byte[32];
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            encoded[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            encoded[31] |= (byte) 0x80;
        }
        return encoded;
    }

    /** Randomness that is the seed: the generator takes its 32 bytes as the private key. */
    private static final class SeedAsRandomness extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private boolean used;

        SeedAsRandomness(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator asked for other randomness than one 32-byte seed");
            }
            used = true;
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
