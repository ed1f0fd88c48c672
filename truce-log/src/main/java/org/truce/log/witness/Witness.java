package org.truce.log.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.truce.log.merkle.sign.WitnessKeys;
import org.truce.verify.Base64Strict;
import org.truce.verify.VerificationException;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.checkpoint.VerifiedCheckpoint;
import org.truce.verify.crypto.Ed25519PublicKey;
import org.truce.verify.merkle.ConsistencyProof;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.note.InvalidSignatureException;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.NoteFormatException;
import org.truce.verify.note.SignedNote;
import org.truce.verify.note.UnverifiedNoteException;
import org.truce.verify.note.VerifierKey;

/**
 * A Witness implements the c2sp.org/tlog-witness@v1.0.0 {@code add-checkpoint} operation for a
 * fixed set of logs, cosigning with {@code cosignature/v1} (c2sp.org/tlog-cosignature, type 0x04).
 *
 * <p>The request is
 *
 * <pre>
 * old &lt;size the client believes the witness last cosigned, 0 if none&gt;
 * &lt;base64 hash of the RFC 6962 consistency proof from old to the checkpoint's size&gt;   (0 to 63 lines)
 *
 * &lt;the checkpoint, a signed note carrying the log's signature&gt;
 * </pre>
 *
 * and the checks, in order, with the {@link WitnessException.Reason} of each refusal:
 *
 * <ol>
 *   <li>the request and the note are well formed (400);
 *   <li>the origin is a configured log (404), whose key signed the note (403);
 *   <li>old is not larger than the checkpoint's size (400);
 *   <li>old is the size this witness last cosigned for the origin, 0 if none (409, with that size);
 *   <li>from old 0: the proof is empty, and a size-0 checkpoint has the empty tree's root; from
 *       the same size: the proof is empty and the root is the stored one; otherwise the proof
 *       verifies from the stored root to the new one (422).
 * </ol>
 *
 * Then the checkpoint is stored as the origin's latest (temporary file, fsync, atomic rename,
 * directory fsync) <em>before</em> the cosignature is made and returned; the check and the update
 * hold the origin's lock, so racing requests cannot roll it back. A rollback, a fork or a gap
 * therefore can never be cosigned. The state is one file per origin, named by the lowercase hex
 * SHA-256 of the origin, holding the accepted note. Thread-safe.
 */
public final class Witness {
    /** The most consistency proof lines a request may have (tlog-witness: 63 suffice for any tree). */
    public static final int MAX_PROOF_LINES = 63;

    private final WitnessKeys keys;
    private final Path stateDirectory;
    private final Clock clock;
    private final Map<String, CheckpointVerifier> logs = new LinkedHashMap<>();
    private final Map<String, ReentrantLock> locks = new LinkedHashMap<>();

    /**
     * Returns the witness of {@code logKeys} (Ed25519 log verifier keys; each key's name is its
     * log's origin), keeping its state in {@code stateDirectory} and cosigning with {@code keys}.
     *
     * @throws IllegalArgumentException if a log key is not a usable Ed25519 key, or two share an origin
     */
    public Witness(WitnessKeys keys, Path stateDirectory, Collection<VerifierKey> logKeys, Clock clock) {
        this.keys = keys;
        this.stateDirectory = stateDirectory;
        this.clock = clock;
        for (VerifierKey key : logKeys) {
            if (Ed25519PublicKey.of(key.publicKey()).isSmallOrder()) {
                throw new IllegalArgumentException("log key " + key + " is a small-order point: anyone could sign as it");
            }
            try {
                if (logs.put(key.name(), CheckpointVerifier.forLog(key)) != null) {
                    throw new IllegalArgumentException("two witnessed log keys for origin " + key.name());
                }
            } catch (KeyFormatException e) {
                throw new IllegalArgumentException("cannot witness log key " + key + ": " + e.getMessage(), e);
            }
            locks.put(key.name(), new ReentrantLock());
        }
    }

    /** Returns the witness's cosignature/v1 verifier key. */
    public String verifierKey() {
        return keys.verifierKey();
    }

    /** Returns the origins this witness cosigns for. */
    public List<String> origins() {
        return List.copyOf(logs.keySet());
    }

    /**
     * Handles one add-checkpoint request body and returns the response body: the cosignature line,
     * ending in a newline.
     *
     * @throws WitnessException if the request is refused; nothing is stored then
     * @throws UncheckedIOException if the state cannot be read or written (nothing was cosigned)
     */
    public String addCheckpoint(byte[] request) throws WitnessException {
        Request parsed = Request.parse(request);
        Checkpoint checkpoint = parsed.checkpoint();
        CheckpointVerifier verifier = logs.get(checkpoint.origin());
        if (verifier == null) {
            throw new WitnessException(WitnessException.Reason.UNKNOWN_LOG,
                    "this witness does not witness the log \"" + checkpoint.origin() + "\"");
        }
        VerifiedCheckpoint verified = verifiedByLog(verifier, parsed.note());
        if (parsed.oldSize() > checkpoint.size()) {
            throw new WitnessException(WitnessException.Reason.BAD_REQUEST, "old size " + parsed.oldSize()
                    + " is larger than the checkpoint's size " + checkpoint.size());
        }
        ReentrantLock lock = locks.get(checkpoint.origin());
        lock.lock();
        try {
            Optional<Checkpoint> stored = latest(checkpoint.origin());
            long storedSize = stored.map(Checkpoint::size).orElse(0L);
            if (parsed.oldSize() != storedSize) {
                throw WitnessException.conflict(parsed.oldSize(), storedSize);
            }
            requireConsistent(stored, checkpoint, parsed.proof());
            store(checkpoint.origin(), verified.note().toBytes());
            long timestamp = clock.instant().getEpochSecond();
            return keys.cosign(verified.note().textBytes(), timestamp).line() + "\n";
        } finally {
            lock.unlock();
        }
    }

    private static VerifiedCheckpoint verifiedByLog(CheckpointVerifier verifier, byte[] note) throws WitnessException {
        try {
            return verifier.verify(note);
        } catch (InvalidSignatureException | UnverifiedNoteException e) {
            throw new WitnessException(WitnessException.Reason.FORBIDDEN, "the checkpoint is not signed by the log's key: "
                    + e.getMessage());
        } catch (VerificationException e) {
            throw new WitnessException(WitnessException.Reason.BAD_REQUEST, "invalid checkpoint: " + e.getMessage());
        }
    }

    private static void requireConsistent(Optional<Checkpoint> stored, Checkpoint next, List<byte[]> proof)
            throws WitnessException {
        long oldSize = stored.map(Checkpoint::size).orElse(0L);
        if (next.size() == 0 && !Arrays.equals(next.rootHash(), Hashes.emptyRoot())) {
            throw unprocessable("a checkpoint of size 0 must have the empty tree's root, SHA-256(\"\")");
        }
        if (oldSize == 0) {
            if (!proof.isEmpty()) {
                throw unprocessable("the consistency proof from size 0 must be empty, got " + proof.size() + " hashes");
            }
            return;
        }
        byte[] oldRoot = stored.get().rootHash();
        if (oldSize == next.size()) {
            if (!proof.isEmpty() || !Arrays.equals(oldRoot, next.rootHash())) {
                throw unprocessable("the checkpoint has the size this witness cosigned (" + oldSize + ") but "
                        + (proof.isEmpty() ? "another root" : "a non-empty consistency proof"));
            }
            return;
        }
        try {
            ConsistencyProof.verify(oldSize, next.size(), oldRoot, next.rootHash(), proof);
        } catch (VerificationException e) {
            throw unprocessable("the consistency proof from size " + oldSize + " to size " + next.size()
                    + " does not verify: " + e.getMessage());
        }
    }

    private static WitnessException unprocessable(String message) {
        return new WitnessException(WitnessException.Reason.UNPROCESSABLE, message);
    }

    /**
     * Returns the checkpoint this witness last cosigned for {@code origin}, or empty if none.
     *
     * @throws UncheckedIOException if the state file cannot be read
     * @throws IllegalStateException if the state file is corrupt
     */
    public Optional<Checkpoint> latest(String origin) {
        Path file = stateFile(origin);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the witness state " + file, e);
        }
        try {
            Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(bytes).text());
            if (!checkpoint.origin().equals(origin)) {
                throw new IllegalStateException("witness state " + file + " holds origin " + checkpoint.origin());
            }
            return Optional.of(checkpoint);
        } catch (VerificationException e) {
            throw new IllegalStateException("witness state " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    private Path stateFile(String origin) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return stateDirectory.resolve(HexFormat.of().formatHex(digest));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the origin's state durably: temporary file, fsync, atomic rename, directory fsync. */
    private void store(String origin, byte[] note) {
        Path file = stateFile(origin);
        try {
            Files.createDirectories(stateDirectory);
            Path temporary = Files.createTempFile(stateDirectory, "." + file.getFileName() + ".", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(note);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the file system cannot replace " + file + " atomically", e);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            try (FileChannel directory = FileChannel.open(stateDirectory, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the witness state " + file, e);
        }
    }

    /** A parsed add-checkpoint request body. */
    private record Request(long oldSize, List<byte[]> proof, byte[] note, Checkpoint checkpoint) {
        static Request parse(byte[] body) throws WitnessException {
            int position = 0;
            int end = lineEnd(body, position);
            String first = ascii(body, position, end);
            if (!first.matches("old (0|[1-9][0-9]{0,18})")) {
                throw badRequest("the first line must be \"old <size>\" (a decimal size without leading zeros), got \""
                        + clip(first) + "\"");
            }
            long oldSize;
            try {
                oldSize = Long.parseLong(first.substring(4));
            } catch (NumberFormatException e) {
                throw badRequest("old size " + first.substring(4) + " is too large");
            }
            List<byte[]> proof = new ArrayList<>();
            position = end + 1;
            while (true) {
                end = lineEnd(body, position);
                String line = ascii(body, position, end);
                position = end + 1;
                if (line.isEmpty()) {
                    break;
                }
                if (proof.size() == MAX_PROOF_LINES) {
                    throw badRequest("more than " + MAX_PROOF_LINES + " consistency proof lines");
                }
                proof.add(hash(line, proof.size() + 1));
            }
            byte[] note = Arrays.copyOfRange(body, position, body.length);
            try {
                return new Request(oldSize, proof, note, Checkpoint.parse(SignedNote.parse(note).text()));
            } catch (NoteFormatException e) {
                throw badRequest("the checkpoint is not a signed note: " + e.getMessage());
            } catch (VerificationException e) {
                throw badRequest("the note is not a checkpoint: " + e.getMessage());
            }
        }

        private static int lineEnd(byte[] body, int from) throws WitnessException {
            for (int i = from; i < body.length; i++) {
                if (body[i] == '\n') {
                    return i;
                }
            }
            throw badRequest(from == 0 ? "the body must start with an \"old <size>\" line"
                    : "the consistency proof must be followed by an empty line and the checkpoint");
        }

        private static String ascii(byte[] body, int from, int to) {
            return new String(body, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private static byte[] hash(String line, int number) throws WitnessException {
            byte[] hash;
            try {
                hash = Base64Strict.decode(line);
            } catch (IllegalArgumentException e) {
                throw badRequest("consistency proof line " + number + " is not base64: \"" + clip(line) + "\"");
            }
            if (hash.length != Hashes.SIZE) {
                throw badRequest("consistency proof line " + number + " is " + hash.length + " bytes, want " + Hashes.SIZE);
            }
            return hash;
        }

        private static WitnessException badRequest(String message) {
            return new WitnessException(WitnessException.Reason.BAD_REQUEST, message);
        }

        private static String clip(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
    }
}
