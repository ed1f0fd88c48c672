package org.truce.log.sealed;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.truce.log.LogUnavailableException;
import org.truce.log.io.AppendOnlyFile;
import org.truce.log.io.ChannelOpener;
import org.truce.log.io.Closing;
import org.truce.log.io.DirectoryLock;
import org.truce.log.io.ReadHandles;
import org.truce.log.io.RequestQueue;
import org.truce.log.io.StoreDirectory;
import org.truce.log.io.WriterThread;

/**
 * The embedded store's openings: one append-only file ({@value #FILE_NAME}) in a directory
 * of its own, written by a single writer thread that commits concurrent puts together (group commit).
 * The byte layout is described on {@link OpeningFormat}. Only the index (commitment to file offset)
 * is kept in memory; every find reads its record from the file.
 *
 * <h2>Put, and what a crash at each step leaves behind</h2>
 *
 * <ol>
 *   <li>The caller's openings are copied and each is checked against its commitment; one that does
 *       not match fails the whole call before anything is queued. Openings already stored are
 *       dropped; if none is left, the call returns at once. The rest are queued (split into requests
 *       that fit one batch) and the caller waits. <i>Crash:</i> nothing was written.
 *   <li>The writer takes every waiting put that fits in one batch (at most
 *       {@value OpeningFormat#MAX_BATCH_RECORDS} records and {@value OpeningFormat#MAX_BATCH_BODY_BYTES}
 *       body bytes), drops commitments stored meanwhile or repeated, and encodes the record frames
 *       followed by one commit frame. <i>Crash:</i> the file is unchanged.
 *   <li>The writer writes the batch after the last commit frame. <i>Crash:</i> the file holds a
 *       prefix of the batch (process crash) or any subset of its sectors (power loss). Recovery keeps
 *       the batch only if every frame of it decodes, and otherwise truncates it as a torn tail; no
 *       acknowledged opening is affected, because none of this batch was acknowledged and earlier
 *       batches were forced.
 *   <li>The writer calls {@code FileChannel.force(false)} (fdatasync). <i>Crash before it returns:</i>
 *       as in step 3.
 *   <li>The writer adds the records to the index; finds now see them. <i>Crash:</i> the batch is
 *       durable and is recovered at the next open.
 *   <li>Each caller is woken. An acknowledged opening therefore always survives; one whose caller got
 *       no answer may or may not (it is then an orphan, or is stored by the caller's retry).
 * </ol>
 *
 * <h2>Destroy, and what a crash at each step leaves behind</h2>
 *
 * <ol>
 *   <li>The request is queued and the caller waits; the writer handles it alone, between batches. An
 *       unknown or already destroyed commitment returns {@code false} with nothing written.
 *   <li>The writer appends a batch of one TOMBSTONE record naming the commitment and forces it.
 *       <i>Crash before the force returned:</i> as steps 3 and 4 of a put; the opening is intact and
 *       the caller got no answer.
 *   <li>The index marks the commitment destroyed; finds return empty and puts of it change nothing,
 *       now and after any later open. <i>Crash:</i> the next open finds the tombstone and does
 *       step 4 itself.
 *   <li>The writer overwrites the record in place: kind DESTROYED, salt and value zeros, a CRC for the
 *       new bytes; then forces. <i>Crash before the force returned:</i> the record may be old, new or
 *       a mix (its CRC then matches neither); the tombstone tells recovery that it is a destroy in
 *       progress, and recovery overwrites it again and forces before the store opens.
 *   <li>{@code true} is returned: the salt and value are gone from the file.
 * </ol>
 *
 * <p>Zeroing removes the bytes from the file; copies outside it (a copy-on-write file system, SSD
 * remapping, backups of the directory) are out of its reach.
 *
 * <p><b>Write failures.</b> If a batch's write or force throws, the writer truncates the file back to
 * the last commit frame and forces that, then fails the batch with {@link LogUnavailableException};
 * the store stays usable. If the truncation fails too, or a destroy's overwrite fails after its
 * tombstone was forced, the waiting requests fail and every later put and destroy is refused until
 * the store is closed and reopened, whose recovery decides. Finds keep working.
 *
 * <h2>Opening</h2>
 *
 * <p>{@link #open} creates the directory if needed, takes an exclusive lock on it
 * ({@link DirectoryLock}), creates the file if missing, rebuilds the index by decoding every frame
 * ({@link OpeningRecovery}), truncates a torn tail (logging a warning), finishes destroys a crash cut
 * off, and starts the writer. Damage that acknowledged openings follow fails the open with
 * {@link OpeningStoreCorruptedException}, naming the byte offset (and the commitment, where one can be
 * read). A crash during open is harmless: it removes only bytes that were never acknowledged or
 * overwrites bytes that were to be destroyed, and the next open reaches the same decision.
 *
 * <h2>Finding</h2>
 *
 * <p>A find is one positioned read of the record, whose length word, CRC32C, commitment and
 * {@linkplain Opening#matches hash} are checked again; a mismatch is corruption, reported with the
 * commitment, never a wrong or silently missing opening.
 */
public final class FileOpeningStore implements OpeningStore {
    static final String FILE_NAME = "openings.log";

    private static final System.Logger LOG = System.getLogger(FileOpeningStore.class.getName());

    private final Path directory;
    private final DirectoryLock lock;
    private final AppendOnlyFile file;
    private final ReadHandles reads;
    private final OpeningIndex index;
    private final RequestQueue<OpeningRequest> queue = new RequestQueue<>(OpeningRequest::batchSize);
    private final WriterThread writer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FileOpeningStore(Path directory, DirectoryLock lock, AppendOnlyFile file, ReadHandles reads,
            OpeningRecovery.Result recovered) {
        this.directory = directory;
        this.lock = lock;
        this.file = file;
        this.reads = reads;
        this.index = recovered.index();
        this.writer = new WriterThread("truce-openings-writer " + directory,
                new OpeningWriter(queue, file, index, recovered.committedEndOffset(), recovered.nextBatch()));
    }

    /**
     * Opens the openings kept in {@code directory}, creating both if missing, and recovers them.
     *
     * @throws LogUnavailableException if the directory is locked by another open store or log, or IO fails
     * @throws OpeningStoreCorruptedException if the file holds damage that acknowledged openings follow
     */
    public static FileOpeningStore open(Path directory) {
        return open(directory, ChannelOpener.DEFAULT);
    }

    static FileOpeningStore open(Path directory, ChannelOpener opener) {
        return StoreDirectory.open(directory, "opening store", (absolute, lock) -> openLocked(absolute, lock, opener),
                store -> store.writer.start());
    }

    private static FileOpeningStore openLocked(Path directory, DirectoryLock lock, ChannelOpener opener) throws IOException {
        AppendOnlyFile file = AppendOnlyFile.openOrCreate(directory.resolve(FILE_NAME), OpeningFormat.fileHeader(), opener);
        try {
            OpeningRecovery.Result recovered = OpeningRecovery.recover(file);
            if (recovered.tornTailBytes() > 0) {
                file.truncateAndForce(recovered.committedEndOffset());
                LOG.log(System.Logger.Level.WARNING, "{0}: truncated an incomplete final batch of {1} bytes at byte"
                        + " offset {2} (a write cut off by a crash); {3} commitments recovered", file.path(),
                        recovered.tornTailBytes(), recovered.committedEndOffset(), recovered.index().size());
            }
            finishDestroys(file, recovered.redo());
            return new FileOpeningStore(directory, lock, file, ReadHandles.open(file.path(), "opening store"), recovered);
        } catch (IOException | RuntimeException | Error e) {
            Closing.closeQuietly(file, e);
            throw e;
        }
    }

    private static void finishDestroys(AppendOnlyFile file, List<OpeningRecovery.Redo> redo) throws IOException {
        if (redo.isEmpty()) {
            return;
        }
        for (OpeningRecovery.Redo record : redo) {
            file.write(OpeningFormat.destroyedRecordFromCrc(record.key().commitment(), record.bodyBytes()),
                    record.frameOffset() + 4);
        }
        file.force();
        LOG.log(System.Logger.Level.INFO, "{0}: finished {1} destroys that a crash had cut off", file.path(), redo.size());
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if an opening does not match its commitment (nothing is stored)
     * @throws LogUnavailableException if the store is closed, refuses writes after a failure, or IO failed
     */
    @Override
    public void putAll(List<Opening> openings) {
        List<OpeningRequest.Put> requests = requests(Opening.checkedCopies(openings));
        checkOpen();
        for (OpeningRequest request : requests) {
            queue.submit(request);
        }
        for (OpeningRequest request : requests) {
            request.await();
        }
    }

    /** The openings not stored yet, in requests that each fit one batch. */
    private List<OpeningRequest.Put> requests(List<Opening> openings) {
        List<OpeningRequest.Put> requests = new ArrayList<>();
        List<Opening> chunk = new ArrayList<>();
        int chunkBytes = 0;
        for (Opening opening : openings) {
            if (index.contains(OpeningIndex.Key.of(opening.commitment()))) {
                continue;
            }
            int bytes = OpeningFormat.openingBodyBytes(opening);
            if (!chunk.isEmpty() && !OpeningRequest.fits(chunk.size() + 1, (long) chunkBytes + bytes)) {
                requests.add(new OpeningRequest.Put(List.copyOf(chunk), chunkBytes));
                chunk.clear();
                chunkBytes = 0;
            }
            chunk.add(opening);
            chunkBytes += bytes;
        }
        if (!chunk.isEmpty()) {
            requests.add(new OpeningRequest.Put(List.copyOf(chunk), chunkBytes));
        }
        return requests;
    }

    /**
     * {@inheritDoc}
     *
     * @throws OpeningStoreCorruptedException if the record was damaged after the store was opened
     * @throws LogUnavailableException if the store is closed or IO failed
     */
    @Override
    public Optional<Opening> find(byte[] commitment) {
        OpeningIndex.Key key = key(commitment);
        checkOpen();
        OpeningIndex.Slot slot = index.get(key);
        if (slot == null || slot.destroyed()) {
            return Optional.empty();
        }
        ByteBuffer frame;
        try {
            frame = ByteBuffer.wrap(reads.read(slot.frameOffset(), OpeningFormat.FRAME_HEADER_BYTES + slot.bodyBytes()));
        } catch (EOFException e) {
            throw corrupt(slot, key, "the file ends inside the record (" + e.getMessage() + ")");
        }
        String damage = damage(frame, slot, key);
        if (damage != null) {
            if (index.get(key).destroyed()) {
                return Optional.empty(); // read while a destroy was overwriting it
            }
            throw corrupt(slot, key, damage);
        }
        if (frame.get(OpeningFormat.KIND_AT) == OpeningFormat.DESTROYED) {
            return Optional.empty();
        }
        byte[] salt = new byte[Opening.SALT_BYTES];
        byte[] value = new byte[slot.bodyBytes() - OpeningFormat.MIN_OPENING_BODY_BYTES];
        frame.get(OpeningFormat.SALT_AT, salt).get(OpeningFormat.VALUE_AT, value);
        Opening opening = new Opening(key.commitment(), salt, value);
        if (!opening.matches()) {
            throw corrupt(slot, key, "the stored salt and value do not hash to the commitment");
        }
        return Optional.of(opening);
    }

    /** Why the frame read for {@code slot} is not the record of {@code key}, or null if it is. */
    private static String damage(ByteBuffer frame, OpeningIndex.Slot slot, OpeningIndex.Key key) {
        if (frame.getInt(0) != slot.bodyBytes()) {
            return "length word " + frame.getInt(0) + " where the record had " + slot.bodyBytes();
        }
        if (OpeningFormat.crc32c(frame.slice(OpeningFormat.FRAME_HEADER_BYTES, slot.bodyBytes())) != frame.getInt(4)) {
            return "CRC32C mismatch in the record";
        }
        byte kind = frame.get(OpeningFormat.KIND_AT);
        if (kind != OpeningFormat.OPEN && kind != OpeningFormat.DESTROYED) {
            return "record of kind " + kind + " where an opening was";
        }
        byte[] stored = new byte[Opening.COMMITMENT_BYTES];
        frame.get(OpeningFormat.COMMITMENT_AT, stored);
        if (!Arrays.equals(stored, key.commitment())) {
            return "the record holds another commitment";
        }
        return null;
    }

    private OpeningStoreCorruptedException corrupt(OpeningIndex.Slot slot, OpeningIndex.Key key, String reason) {
        return new OpeningStoreCorruptedException(file.path().toString(), slot.frameOffset(), key.hex(), reason);
    }

    /**
     * {@inheritDoc}
     *
     * @throws LogUnavailableException if the store is closed, refuses writes after a failure, or IO
     *     failed; if the failure came after the destroy was recorded, the next open finishes it
     */
    @Override
    public boolean destroy(byte[] commitment) {
        OpeningIndex.Key key = key(commitment);
        checkOpen();
        OpeningIndex.Slot slot = index.get(key);
        if (slot == null || slot.destroyed()) {
            return false;
        }
        OpeningRequest request = new OpeningRequest.Destroy(key);
        queue.submit(request);
        return request.await();
    }

    private static OpeningIndex.Key key(byte[] commitment) {
        Objects.requireNonNull(commitment, "commitment");
        if (commitment.length != Opening.COMMITMENT_BYTES) {
            throw new IllegalArgumentException("a commitment is " + Opening.COMMITMENT_BYTES + " bytes, got " + commitment.length);
        }
        return OpeningIndex.Key.of(commitment);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new LogUnavailableException("opening store " + directory + " is closed");
        }
    }

    /**
     * Stops accepting puts and destroys, lets the writer finish those already queued, then releases
     * the files and the directory lock. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.close(new LogUnavailableException("opening store " + directory + " is closed"));
        writer.join();
        Closing.closeAll(new LogUnavailableException("cannot close opening store " + directory), reads, file, lock);
    }

    @Override
    public String toString() {
        return "FileOpeningStore[" + directory + ", " + index.size() + " commitments]";
    }
}
