package org.truce.log.merkle.sign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.truce.verify.Base64Strict;
import org.truce.verify.checkpoint.Cosignature;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.KeyId;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.VerifierKey;

/**
 * WitnessKeys is a witness's Ed25519 cosigning key (c2sp.org/tlog-cosignature {@code
 * cosignature/v1}, signature type 0x04): generated on first start and kept in the data directory
 * as {@value #FILE_NAME}, in the same one-line signer-key format as the log key but with type 0x04:
 *
 * <pre>
 * PRIVATE+KEY+&lt;name&gt;+&lt;key ID&gt;+&lt;base64(0x04 || 32-byte Ed25519 seed)&gt;
 * </pre>
 *
 * The key ID is that of the verifier key {@code <name>+<key ID>+base64(0x04 || public key)}. The
 * witness key is distinct from the log key (tlog-cosignature requires a distinct key per cosigner
 * identity, since the signed message does not name the cosigner). Immutable and thread-safe.
 */
public final class WitnessKeys {
    /** The witness name used when none is configured. */
    public static final String DEFAULT_NAME = "truce.local/witness";
    /** The key file's name in the data directory. */
    public static final String FILE_NAME = "witness-cosigning.key";

    private static final String PREFIX = "PRIVATE+KEY+";

    private final VerifierKey key;
    private final byte[] seed;
    private final java.security.PrivateKey privateKey;

    private WitnessKeys(String name, byte[] seed) {
        VerifierKeys.requireValidName(name);
        this.seed = seed.clone();
        try {
            this.key = VerifierKey.of(name, VerifierKey.TYPE_COSIGNATURE_V1, Ed25519Seeds.publicKey(seed));
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("cannot cosign as \"" + name + "\": " + e.getMessage(), e);
        }
        this.privateKey = Ed25519Seeds.privateKey(seed);
    }

    /** Returns a new random witness key named {@code name}, kept in memory only. */
    public static WitnessKeys generate(String name) {
        VerifierKeys.requireValidName(name);
        return new WitnessKeys(name, Ed25519Seeds.randomSeed());
    }

    /**
     * Loads the witness key kept in {@code dataDir}, or generates and stores one named {@code name}.
     *
     * @throws IllegalStateException if the file is malformed or holds the key of another name
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static WitnessKeys loadOrCreate(Path dataDir, String name) {
        VerifierKeys.requireValidName(name);
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.notExists(file)) {
                KeyFiles.createOnce(dataDir, file, generate(name).encode());
            }
            WitnessKeys keys;
            try {
                keys = parse(KeyFiles.readLine(file));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
            KeyFiles.warnIfReadableByOthers(file);
            if (!keys.name().equals(name)) {
                throw new IllegalStateException(file + " holds the witness key named \"" + keys.name() + "\", but \"" + name
                        + "\" is configured; a witness identity keeps its key (a new name needs a new key file)");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the witness key " + file, e);
        }
    }

    /**
     * Parses {@code PRIVATE+KEY+<name>+<hex id>+<base64(0x04 || seed)>}.
     *
     * @throws IllegalStateException if the text is malformed or its key ID does not match the key
     */
    public static WitnessKeys parse(String signerKey) {
        String[] parts = signerKey.startsWith(PREFIX) ? signerKey.substring(PREFIX.length()).split("\\+", 3) : new String[0];
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalStateException("not a signer key: want PRIVATE+KEY+<name>+<8 hex digits>+<base64>");
        }
        byte[] typed;
        try {
            typed = Base64Strict.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("witness key is not valid base64", e);
        }
        if (typed.length != 1 + Ed25519Seeds.SEED_BYTES || typed[0] != VerifierKey.TYPE_COSIGNATURE_V1) {
            throw new IllegalStateException("witness key for " + parts[0] + " is not a cosignature/v1 (0x04) seed of 32 bytes");
        }
        WitnessKeys keys = new WitnessKeys(parts[0], Arrays.copyOfRange(typed, 1, typed.length));
        if (Integer.parseUnsignedInt(parts[1], 16) != keys.key.keyId()) {
            throw new IllegalStateException("witness key for " + parts[0] + " says key ID " + parts[1]
                    + ", but its key has ID " + KeyId.hex(keys.key.keyId()));
        }
        return keys;
    }

    private String encode() {
        byte[] typed = new byte[1 + seed.length];
        typed[0] = VerifierKey.TYPE_COSIGNATURE_V1;
        System.arraycopy(seed, 0, typed, 1, seed.length);
        return PREFIX + name() + "+" + KeyId.hex(key.keyId()) + "+" + Base64Strict.encode(typed);
    }

    /** Returns the witness name, which is also the key name on cosignature lines. */
    public String name() {
        return key.name();
    }

    /** Returns the verifier key {@code <name>+<hex key ID>+base64(0x04 || public key)}. */
    public String verifierKey() {
        return key.encode();
    }

    /**
     * Returns the cosignature/v1 signature line over the checkpoint note text {@code checkpointText}
     * (origin, size, root and any extension lines, each ending in a newline) at {@code timestamp}
     * POSIX seconds: {@code — <name> base64(keyID || timestamp (8, big-endian) || Ed25519 signature)}.
     *
     * @throws IllegalArgumentException if the timestamp is negative
     */
    public NoteSignature cosign(byte[] checkpointText, long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("negative cosignature timestamp " + timestamp);
        }
        byte[] signature = Ed25519Seeds.sign(privateKey, Cosignature.message(timestamp, checkpointText));
        byte[] blob = ByteBuffer.allocate(Cosignature.SIGNATURE_SIZE).putLong(timestamp).put(signature).array();
        return NoteSignature.of(name(), key.keyId(), blob);
    }

    @Override
    public String toString() {
        return "WitnessKeys[" + verifierKey() + "]"; // never the seed
    }
}
