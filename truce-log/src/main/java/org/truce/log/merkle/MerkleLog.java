package org.truce.log.merkle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;
import org.truce.log.merkle.sign.CheckpointSigner;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.StaleFencingTokenException;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.verify.merkle.ProofBuilder;
import org.truce.verify.note.NoteFormatException;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.SignedNote;
import org.truce.verify.tiles.EntryBundle;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileLayout;

/**
 * The verifiable record: a {@link RecordLog} whose entries are committed to by an RFC 9162 Merkle
 * tree, published as c2sp.org/tlog-tiles tiles and entry bundles in a {@link TileStore} and as
 * signed c2sp.org/tlog-checkpoint notes, so that anyone holding the log's verifier key can check
 * every entry, every proof and that the log never rewrote its history.
 *
 * <p>It wraps a durable {@code RecordLog}, the <em>sequencer</em>: an append is acknowledged as
 * soon as the sequencer has made it durable and given it an index. A background <em>integrator</em>
 * (one thread) later adds the sequenced entries to the tree in batches and publishes a checkpoint
 * per batch, as Tessera and Sunlight separate sequencing from integration. Appends never wait for
 * integration, and integration never blocks appends; {@link #awaitIntegrated} waits for a checkpoint
 * that covers a given size.
 *
 * <h2>Write path, and what a crash at each step leaves behind</h2>
 *
 * <ol>
 *   <li>The entry is checked: 1 to {@value EntryBundle#MAX_ENTRY_SIZE} bytes, the most a
 *       tlog-tiles bundle can hold. <i>Crash:</i> nothing happened.
 *   <li>The sequencer appends it and returns its index once it is durable (see {@code
 *       FileRecordLog} for its own steps). <i>Crash before it returns:</i> the entry may or may not
 *       be in the sequence, and the caller got no index; if it is there, it is integrated like any
 *       other.
 *   <li>The integrator is signalled and the index returned. <i>Crash:</i> the entry is durable but
 *       not in any checkpoint yet; the next open integrates it (I0, then I1).
 * </ol>
 *
 * <h2>Integration rounds</h2>
 *
 * <ol>
 *   <li>I0, at open and after any failed round: recovery reads the stored checkpoint,
 *       verifies its signature with this log's key, rebuilds the right edge of the tree from the
 *       partial tile of each level (one tile read per level), checks that it gives the signed root,
 *       and reads the partial bundle's entries from the sequencer, checking them against the level-0
 *       tile. A failed check refuses the open. <i>Crash:</i> nothing was written.
 *   <li>I1: every entry from the tree's size to the end of the sequence is read, leaf-hashed and
 *       appended to the in-memory tree; each bundle or hash tile it fills is written at once
 *       (temporary file, fsync, rename; the directory is forced later, in I6). <i>Crash:</i> some
 *       tiles of this round exist, or were lost with their unforced names; no checkpoint refers to
 *       them. The next open starts again from the stored checkpoint and writes them again with the
 *       same bytes, which the store accepts (it refuses other bytes for an existing name).
 *   <li>I2: the partial bundle and the partial hash tiles of the new size are written the same
 *       way. Earlier partial tiles stay, for the checkpoints that need them. <i>Crash:</i> as I1.
 *   <li>I3: the root is computed in memory and again from the stored tiles, which must agree, and
 *       an RFC 6962 consistency proof from the previous checkpoint to the new tree is built from the
 *       stored tiles and verified with truce-verify against the previous root (held in memory) and
 *       the new one. <i>Failure:</i> the integrator stops; nothing is signed.
 *   <li>I4: the checkpoint is signed (Ed25519, one signature per round). <i>Crash:</i> the signature
 *       existed in memory only.
 *   <li>I5: the stored checkpoint is read again; it must still be the one the new tree extends, or
 *       another sequencer is publishing and the integrator stops.
 *   <li>I6: the store publishes the checkpoint: it forces the directories of every tile written
 *       since the last publish, checks the fencing token and compares-and-swaps the checkpoint (not
 *       smaller, not the same size with another root), raises the stored token if needed, and
 *       writes the checkpoint (temporary file, fsync, rename, directory fsync). <i>Crash after the
 *       tiles are forced:</i> as I1, with the tiles durable. <i>After the token is raised:</i>
 *       harmless, older sequencers are fenced out a little earlier. <i>After the rename, before the
 *       directory is forced:</i> after a power loss either checkpoint may be found; if it is the old
 *       one, the next open signs the same tree again, and since Ed25519 is deterministic it is the
 *       same note, so a client that saw it sees it again or a later, consistent one.
 *   <li>I7: the checkpoint becomes visible to {@link #checkpoint}, proofs and waiters. <i>Crash:</i>
 *       it is durable and the next open loads it.
 * </ol>
 *
 * <p>The first round after open publishes even when there is nothing new: it stores the sequencer's
 * fencing token with the same tree, which the store's compare-and-swap allows. From then on a
 * sequencer with a lower token (a stale process that still believes it holds the log) cannot
 * publish: {@link StaleFencingTokenException}.
 *
 * <p><b>Failures.</b> IO failures are retried (I0 and the round again, with a growing pause). A
 * conflict, a stale token, a tile that would change or a failed check stops the integrator for
 * good: {@link #awaitIntegrated} then throws {@link IntegrationFailedException} and {@link
 * #integrationFailure} reports why. Appends go on being sequenced; a reopened log integrates them
 * once the cause is dealt with.
 *
 * <h2>Reading</h2>
 *
 * <p>Proofs are built with truce-verify's {@link ProofBuilder} from the stored tiles of the latest
 * checkpoint (a tree of any smaller size is a subset of them), through a cache of recently read
 * tiles with all their inner nodes; with the cache off ({@code cachedTiles} 0) each proof reads its
 * tiles from the store and hashes only the nodes it needs. Tiles and bundles are served only if the
 * latest checkpoint covers them. Reads may run on any number of threads at once.
 *
 * <p>The log owns the sequencer and the store from {@link #open} on and closes them in {@link
 * #close}; if {@code open} throws, the caller still owns them.
 */
public final class MerkleLog implements RecordLog {

    /**
     * How the integrator paces itself. {@code roundInterval} is the shortest time between the starts
     * of two rounds (entries appended meanwhile form one batch: one signature and one set of fsyncs
     * for all of them); {@code pollInterval} is how often the sequencer is checked for entries
     * appended by others than this log; {@code cachedTiles} bounds the proof cache (about 16 KiB a
     * tile).
     */
    public record Settings(Duration roundInterval, Duration pollInterval, int cachedTiles) {
        public Settings {
            if (roundInterval.isNegative() || pollInterval.isNegative() || pollInterval.isZero() || cachedTiles < 0) {
                throw new IllegalArgumentException("invalid integration settings " + roundInterval + ", " + pollInterval
                        + ", " + cachedTiles);
            }
        }

        /** 200 ms between rounds, polling every second, 256 cached tiles (4 MiB). */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(200), Duration.ofSeconds(1), 256);
        }

        public Settings withRoundInterval(Duration interval) {
            return new Settings(interval, pollInterval, cachedTiles);
        }

        public Settings withPollInterval(Duration interval) {
            return new Settings(roundInterval, interval, cachedTiles);
        }
    }

    private final RecordLog sequencer;
    private final TileStore store;
    private final CheckpointSigner signer;
    private final Publication publication;
    private final Integrator integrator;
    private final Thread integratorThread;
    private final TileCache cache;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MerkleLog(RecordLog sequencer, TileStore store, CheckpointSigner signer, long fencingToken, Settings settings,
            TreeState recovered) {
        this.sequencer = sequencer;
        this.store = store;
        this.signer = signer;
        this.cache = new TileCache(settings.cachedTiles());
        this.publication = new Publication();
        recovered.checkpoint().ifPresent(publication::published);
        this.integrator = new Integrator(sequencer, store, signer, fencingToken, settings, publication, recovered);
        // a platform daemon thread: nobody interrupts it, and an unclosed log does not keep the JVM alive
        this.integratorThread = Thread.ofPlatform().name("truce-merkle-integrator " + signer.origin()).daemon(true)
                .unstarted(integrator);
    }

    /** Like {@link #open(RecordLog, TileStore, CheckpointSigner, long, Settings)} with {@link Settings#defaults()}. */
    public static MerkleLog open(RecordLog sequencer, TileStore store, CheckpointSigner signer, long fencingToken) {
        return open(sequencer, store, signer, fencingToken, Settings.defaults());
    }

    /**
     * Recovers the tree of the store's latest checkpoint (step I0) and starts the integrator, which
     * integrates whatever the sequencer holds beyond it and publishes with {@code fencingToken}.
     *
     * @param sequencer the durable log that assigns indexes; entries in it must be at most
     *     {@value EntryBundle#MAX_ENTRY_SIZE} bytes
     * @param store where tiles and checkpoints are published
     * @param signer the log's key; its name is the origin of every checkpoint
     * @param fencingToken this sequencer's epoch: higher than that of any sequencer before it
     * @throws LogIntegrityException if the stored checkpoint is not this log's, its tiles do not
     *     give its root, or the sequencer does not hold its entries
     */
    public static MerkleLog open(RecordLog sequencer, TileStore store, CheckpointSigner signer, long fencingToken,
            Settings settings) {
        Objects.requireNonNull(sequencer, "sequencer");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(signer, "signer");
        TreeState recovered = new Recovery(store, sequencer, signer).load(Optional.empty());
        MerkleLog log = new MerkleLog(sequencer, store, signer, fencingToken, settings, recovered);
        log.integratorThread.start();
        return log;
    }

    /**
     * {@inheritDoc} Returns once the entry is sequenced and durable; it is integrated later.
     *
     * @throws IllegalArgumentException if the entry is empty or larger than {@value EntryBundle#MAX_ENTRY_SIZE} bytes
     */
    @Override
    public long append(byte[] entry) {
        requireIntegrable(entry);
        requireOpen();
        long index = sequencer.append(entry);
        integrator.wake();
        return index;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if an entry is empty or larger than {@value EntryBundle#MAX_ENTRY_SIZE} bytes
     */
    @Override
    public long appendAll(List<byte[]> entries) {
        entries.forEach(MerkleLog::requireIntegrable);
        requireOpen();
        long first = sequencer.appendAll(entries);
        integrator.wake();
        return first;
    }

    private static void requireIntegrable(byte[] entry) {
        if (entry.length > EntryBundle.MAX_ENTRY_SIZE) {
            throw new IllegalArgumentException("entry is " + entry.length + " bytes; a tlog-tiles entry bundle holds at most "
                    + EntryBundle.MAX_ENTRY_SIZE + " (log a hash of larger documents instead)");
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new LogUnavailableException("Merkle log " + signer.origin() + " is closed");
        }
    }

    /** {@inheritDoc} This counts sequenced entries, integrated or not; see {@link #integratedSize}. */
    @Override
    public long size() {
        return sequencer.size();
    }

    @Override
    public byte[] read(long index) {
        return sequencer.read(index);
    }

    @Override
    public void scan(long fromIndex, EntryVisitor visitor) {
        sequencer.scan(fromIndex, visitor);
    }

    /** Returns the latest published checkpoint: durable, and covered by stored tiles. */
    public Optional<SignedCheckpoint> checkpoint() {
        return publication.latest();
    }

    /**
     * Adds signature lines (witness cosignatures) to the latest checkpoint, if it is still the one
     * of {@code treeSize} entries, and republishes it through the store: the same tree, so the
     * store's compare-and-swap accepts it, and {@link #checkpoint} then returns the note with the
     * lines. A line by a key that already signed the note replaces that key's line (a witness that
     * cosigned the same tree again, at a later time); lines already present are not repeated. The
     * lines are not verified here: the caller checks them with the witness's key.
     *
     * @param signatureLines signed-note signature lines {@code — <name> <base64>}, without newlines
     * @return true if the latest checkpoint carries the lines; false if a newer checkpoint was
     *     published meanwhile (cosign that one instead) or the log cannot publish
     * @throws IllegalArgumentException if a line is not a signature line, or is by the log's own key
     * @throws java.io.UncheckedIOException if the store failed
     */
    public boolean addCosignatures(long treeSize, List<String> signatureLines) {
        requireOpen();
        List<NoteSignature> added = new ArrayList<>();
        for (String line : signatureLines) {
            NoteSignature signature = signatureLine(line);
            if (signature.name().equals(signer.origin()) && signature.keyId() == signer.keyId()) {
                throw new IllegalArgumentException("a cosignature cannot be by the log's own key " + signature.keyLabel());
            }
            added.add(signature);
        }
        if (added.isEmpty()) {
            return checkpoint().map(c -> c.size() == treeSize).orElse(false);
        }
        return integrator.republish(treeSize, current -> withSignatures(current, added));
    }

    private static NoteSignature signatureLine(String line) {
        String probe = "x\n\n" + line + "\n";
        try {
            List<NoteSignature> parsed = SignedNote.parse(probe.getBytes(StandardCharsets.UTF_8)).signatures();
            if (parsed.size() != 1) {
                throw new IllegalArgumentException("not one signature line: " + line);
            }
            return parsed.get(0);
        } catch (NoteFormatException e) {
            throw new IllegalArgumentException("not a signature line: " + e.getMessage(), e);
        }
    }

    private static SignedCheckpoint withSignatures(SignedCheckpoint current, List<NoteSignature> added) {
        SignedNote note;
        try {
            note = SignedNote.parse(current.note());
        } catch (NoteFormatException e) {
            throw new IllegalStateException("the published checkpoint is not a signed note", e);
        }
        List<NoteSignature> signatures = new ArrayList<>(note.signatures());
        for (NoteSignature signature : added) {
            signatures.removeIf(s -> s.keyLabel().equals(signature.keyLabel()));
            signatures.add(signature);
        }
        if (signatures.size() > SignedNote.MAX_SIGNATURES) {
            throw new IllegalArgumentException("a checkpoint carries at most " + SignedNote.MAX_SIGNATURES + " signatures");
        }
        return SignedCheckpoint.parse(SignedNote.of(note.text(), signatures).toBytes());
    }

    /** Returns the size of the latest published checkpoint (0 before the first). */
    public long integratedSize() {
        return publication.integratedSize();
    }

    /**
     * Waits until a published checkpoint covers at least {@code size} entries. Returns false if
     * {@code timeout} passes first, or the log is closed first.
     *
     * @throws IntegrationFailedException if the integrator has stopped because of a failure
     */
    public boolean awaitIntegrated(long size, Duration timeout) throws InterruptedException {
        return publication.await(size, timeout);
    }

    /** Returns why the integrator stopped, if it stopped because of a failure. */
    public Optional<Throwable> integrationFailure() {
        return publication.failure();
    }

    /** Returns the origin of every checkpoint, which is also the signing key's name. */
    public String origin() {
        return signer.origin();
    }

    /** Returns the verifier key of the checkpoints, {@code <origin>+<hex key ID>+base64(0x01 || public key)}. */
    public String verifierKey() {
        return signer.verifierKey();
    }

    /**
     * Returns the RFC 6962 inclusion proof (audit path) of the entry at {@code index} in the tree of
     * {@code treeSize} entries, leaf side first, built from the stored tiles.
     *
     * @throws IllegalArgumentException unless 0 <= index < treeSize <= {@link #integratedSize()}
     */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        StoredTree tree = publishedTree(treeSize);
        return ProofBuilder.inclusion(index, treeSize, tree);
    }

    /**
     * Returns the RFC 6962 consistency proof from the tree of {@code size1} entries to the tree of
     * {@code size2} entries (empty when they are equal), built from the stored tiles.
     *
     * @throws IllegalArgumentException unless 0 < size1 <= size2 <= {@link #integratedSize()}
     */
    public List<byte[]> consistencyProof(long size1, long size2) {
        StoredTree tree = publishedTree(size2);
        return ProofBuilder.consistency(size1, size2, tree);
    }

    private StoredTree publishedTree(long treeSize) {
        long published = integratedSize();
        if (treeSize > published) {
            throw new IllegalArgumentException("tree size " + treeSize + " is beyond the latest checkpoint, of size " + published);
        }
        return new StoredTree(store, cache, published);
    }

    /**
     * Returns the stored hash tile {@code tile/<level>/<index>[.p/<width>]}, or empty if it does not
     * exist or the latest checkpoint does not cover it.
     */
    public Optional<byte[]> tile(int level, long index, int width) {
        return resource(TileId.hashes(level, index, width));
    }

    /** Returns the stored entry bundle {@code tile/entries/<index>[.p/<width>]}, or empty as {@link #tile}. */
    public Optional<byte[]> entryBundle(long index, int width) {
        return resource(TileId.entries(index, width));
    }

    /** Returns the resource {@code tile} names (as {@code TilePath.parse} gives it), or empty as {@link #tile}. */
    public Optional<byte[]> resource(TileId tile) {
        int level = tile.isEntries() ? 0 : tile.level();
        long hashCount = TileLayout.hashCount(level, integratedSize());
        if (tile.index() > hashCount / TileId.FULL_WIDTH || tile.index() * TileId.FULL_WIDTH + tile.width() > hashCount) {
            return Optional.empty(); // not committed to by any published checkpoint
        }
        return store.read(tile);
    }

    /**
     * Stops accepting appends, lets the integrator run a last round over what is sequenced, then
     * closes the sequencer and the store. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        integrator.stop();
        boolean interrupted = false;
        while (integratorThread.isAlive()) {
            try {
                integratorThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try (store) {
            sequencer.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "MerkleLog[" + signer.origin() + ", " + size() + " sequenced, " + integratedSize() + " integrated]";
    }
}
