package org.truce.log.merkle.sign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.truce.verify.Base64Strict;
import org.truce.verify.note.KeyId;
import org.truce.verify.note.VerifierKey;

/**
 * SigningKeys is the log's Ed25519 checkpoint key: generated on first start and kept in the data
 * directory as {@value #FILE_NAME}, one line in the signer-key format of Go's
 * golang.org/x/mod/sumdb/note (also read by Tessera's and sigsum's tools):
 *
 * <pre>
 * PRIVATE+KEY+&lt;name&gt;+&lt;key ID, 8 lowercase hex digits&gt;+&lt;base64(0x01 || 32-byte Ed25519 seed)&gt;
 * </pre>
 *
 * followed by a newline. The name is the log's origin (C2SP tlog-checkpoint: the key name should
 * equal the origin), the key ID is that of the matching verifier key, and 0x01 is the signed-note
 * Ed25519 type. The file is created with permissions 0600 where the file system has POSIX
 * permissions; it must not be inside a directory that is served (such as the tile directory).
 *
 * <p>The origin of an existing log never changes: a key file for another origin is refused, since
 * a new origin means a new log with a new key. Immutable.
 */
public final class SigningKeys {
    /** The origin used when none is configured. */
    public static final String DEFAULT_ORIGIN = "truce.local/log";
    /** The key file's name in the data directory. */
    public static final String FILE_NAME = "checkpoint-signing.key";

    private static final String PREFIX = "PRIVATE+KEY+";

    private final String origin;
    private final byte[] seed;
    private final CheckpointSigner signer;

    private SigningKeys(String origin, byte[] seed) {
        VerifierKeys.requireValidName(origin);
        this.origin = origin;
        this.seed = seed.clone();
        this.signer = new CheckpointSigner(origin, seed, Ed25519Seeds.publicKey(seed));
    }

    /** Like {@link #loadOrCreate(Path, String)} with {@link #DEFAULT_ORIGIN}. */
    public static SigningKeys loadOrCreate(Path dataDir) {
        return loadOrCreate(dataDir, DEFAULT_ORIGIN);
    }

    /**
     * Loads the key kept in {@code dataDir}, or generates and stores one for {@code origin} if there
     * is none yet. A new key file is written to a temporary file (0600), forced, and moved into
     * place without replacing anything, so a crash leaves either no key file or a complete one.
     *
     * @throws IllegalArgumentException if {@code origin} is not a valid key name (empty, white
     *     space, '+')
     * @throws IllegalStateException if the key file is malformed, its key ID does not match its key,
     *     or it holds the key of another origin
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static SigningKeys loadOrCreate(Path dataDir, String origin) {
        VerifierKeys.requireValidName(origin);
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.notExists(file)) {
                create(dataDir, file, generate(origin));
            }
            SigningKeys keys = load(file);
            if (!keys.origin.equals(origin)) {
                throw new IllegalStateException(file + " holds the key of origin \"" + keys.origin + "\", but origin \""
                        + origin + "\" is configured; a log's origin never changes (a new origin is a new log, with a"
                        + " new data directory)");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the signing key " + file, e);
        }
    }

    /** Returns a new random key for {@code origin}, kept in memory only. */
    public static SigningKeys generate(String origin) {
        VerifierKeys.requireValidName(origin);
        return new SigningKeys(origin, Ed25519Seeds.randomSeed());
    }

    /**
     * Parses the signer-key text {@code PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || seed)>}.
     *
     * @throws IllegalStateException if the text is malformed or its key ID does not match the key
     */
    public static SigningKeys parse(String signerKey) {
        String[] parts = signerKey.startsWith(PREFIX) ? signerKey.substring(PREFIX.length()).split("\\+", 3) : new String[0];
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalStateException("not a signer key: want PRIVATE+KEY+<name>+<8 hex digits>+<base64>");
        }
        byte[] typed = decode(parts[2]);
        if (typed.length != 1 + Ed25519Seeds.SEED_BYTES || typed[0] != VerifierKey.TYPE_ED25519) {
            throw new IllegalStateException("signer key for " + parts[0] + " is not an Ed25519 (0x01) seed of 32 bytes");
        }
        SigningKeys keys = new SigningKeys(parts[0], Arrays.copyOfRange(typed, 1, typed.length));
        if (Integer.parseUnsignedInt(parts[1], 16) != keys.signer.keyId()) {
            throw new IllegalStateException("signer key for " + parts[0] + " says key ID " + parts[1]
                    + ", but its key has ID " + KeyId.hex(keys.signer.keyId()));
        }
        return keys;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64Strict.decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("signer key is not valid base64", e);
        }
    }

    /** Returns the signer-key text that {@link #parse} reads, without a newline. Secret. */
    String encode() {
        byte[] typed = new byte[1 + seed.length];
        typed[0] = VerifierKey.TYPE_ED25519;
        System.arraycopy(seed, 0, typed, 1, seed.length);
        return PREFIX + origin + "+" + KeyId.hex(signer.keyId()) + "+" + Base64Strict.encode(typed);
    }

    /** Returns the origin, which is also the key name. */
    public String origin() {
        return origin;
    }

    /** Returns the verifier key {@code <name>+<hex key ID>+base64(0x01 || public key)}, for clients and witnesses. */
    public String verifierKey() {
        return signer.verifierKey();
    }

    /** Returns the checkpoint signer for this key. */
    public CheckpointSigner signer() {
        return signer;
    }

    private static SigningKeys load(Path file) throws IOException {
        String line = KeyFiles.readLine(file);
        SigningKeys keys;
        try {
            keys = parse(line);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        KeyFiles.warnIfReadableByOthers(file);
        return keys;
    }

    private static void create(Path dataDir, Path file, SigningKeys keys) throws IOException {
        KeyFiles.createOnce(dataDir, file, keys.encode());
    }

    @Override
    public String toString() {
        return "SigningKeys[" + verifierKey() + "]"; // never the seed
    }
}
