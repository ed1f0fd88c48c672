package org.truce.log.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;
import org.truce.log.io.AppendOnlyFile;
import org.truce.log.io.ChannelOpener;
import org.truce.log.io.Closing;
import org.truce.log.io.DirectoryLock;
import org.truce.log.io.ReadHandles;
import org.truce.log.io.RequestQueue;
import org.truce.log.io.StoreDirectory;
import org.truce.log.io.WriterThread;

/**
 * The embedded store's record log: one append-only segment file ({@value #FILE_NAME})
 * in a directory of its own, written by a single writer thread that commits concurrent appends
 * together (group commit). The byte layout is described on {@link FrameFormat}.
 *
 * <h2>Write path, and what a crash at each step leaves behind</h2>
 *
 * <ol>
 *   <li>The caller's entries are checked and queued as one request; the caller waits. <i>Crash:</i>
 *       nothing was written and the caller never got an index.
 *   <li>The writer takes every waiting request that fits in one batch (at most
 *       {@value FrameFormat#MAX_BATCH_ENTRIES} entries and {@value FrameFormat#MAX_BATCH_PAYLOAD_BYTES}
 *       payload bytes; a request is never split), assigns the next indexes in queue order and
 *       encodes the entry frames followed by one commit frame. <i>Crash:</i> the file is unchanged.
 *   <li>The writer writes the batch right after the last commit frame. <i>Crash:</i> after a
 *       process crash the file holds a prefix of the batch; after power loss, any subset of its
 *       sectors. Recovery keeps the batch only if every frame in it, the commit frame included,
 *       decodes; otherwise it is a torn tail and is truncated. Either way no acknowledged entry is
 *       affected: none of this batch was acknowledged, and earlier batches were forced.
 *       Damage followed by a later batch's commit frame cannot come from a crash and fails the
 *       open instead (see {@link SegmentRecovery}).
 *   <li>The writer calls {@code FileChannel.force(false)} (fdatasync). <i>Crash before it
 *       returns:</i> as in step 3; the batch may be whole, partial or absent after restart.
 *   <li>The writer publishes the batch to the in-memory index; {@link #size()} and reads now see
 *       it. <i>Crash:</i> the batch is durable and is recovered at the next open.
 *   <li>Each caller is woken with its index (a caller interrupted while waiting keeps waiting: the
 *       outcome is already decided by the writer). <i>Crash:</i> as in step 5. An index a caller
 *       received therefore always survives; an entry whose caller got no answer may or may not.
 * </ol>
 *
 * <p><b>Write failures.</b> If step 3 or 4 throws, the writer truncates the file back to the last
 * commit frame and forces that, then fails every request in the batch with
 * {@link LogUnavailableException}; nothing of the batch remains and the log <em>stays usable</em>
 * (a full disk may free up). If the truncation fails too, the state of the tail is unknown: the
 * batch and all waiting requests fail, every later append fails, and the log must be closed and
 * reopened, whose recovery decides whether that batch reached the disk whole. Reads of acknowledged
 * entries keep working in both cases.
 *
 * <h2>Opening</h2>
 *
 * <p>{@link #open} creates the directory if needed, takes an exclusive lock ({@link DirectoryLock}),
 * creates the segment if missing, rebuilds the index by decoding every frame
 * ({@link SegmentRecovery}), truncates a torn tail (logging a warning), and starts the writer. A CRC
 * mismatch or undecodable bytes that acknowledged entries follow fail the open with
 * {@link LogCorruptedException}, naming the entry index and byte offset. A crash during open is
 * harmless: the truncation removes only bytes that were never acknowledged, and the next open
 * reaches the same decision. {@link #close} refuses new appends, waits until the queued ones are
 * committed, then releases the files and the lock.
 *
 * <h2>Reading</h2>
 *
 * <p>Reads use the published index without locks and are one positioned read per entry (scans read
 * consecutive entries in 1 MiB chunks); every read checks the frame's CRC32C again. A reader that is
 * interrupted still reads, keeps its interrupt status, and disturbs no other reader ({@link ReadHandles}).
 *
 * <h2>Limits</h2>
 *
 * <p>Entries are 1 to {@link RecordLog#MAX_ENTRY_BYTES} bytes. An {@code appendAll} group must fit
 * in one batch, because its atomicity comes from sharing one commit frame. One segment holds at most
 * about 2^31 entries. Callers must not change an entry's array until its append returns.
 */
public final class FileRecordLog implements RecordLog {
    static final String FILE_NAME = "entries.log";

    private static final System.Logger LOG = System.getLogger(FileRecordLog.class.getName());

    private final Path directory;
    private final DirectoryLock lock;
    private final AppendOnlyFile segment;
    private final ReadHandles reads;
    private final EntryIndex index;
    private final EntryReader reader;
    private final RequestQueue<AppendRequest> queue = new RequestQueue<>(AppendRequest::batchSize);
    private final WriterThread writer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FileRecordLog(Path directory, DirectoryLock lock, AppendOnlyFile segment, ReadHandles reads,
            SegmentRecovery.Result recovered) {
        this.directory = directory;
        this.lock = lock;
        this.segment = segment;
        this.reads = reads;
        this.index = recovered.index();
        this.reader = new EntryReader(segment.path(), reads);
        this.writer = new WriterThread("truce-log-writer " + directory,
                new GroupCommitWriter(queue, segment, index, recovered.committedEndOffset()));
    }

    /**
     * Opens the log kept in {@code directory}, creating both if missing, and recovers it.
     *
     * @throws LogUnavailableException if the directory is locked by another open log or IO fails
     * @throws LogCorruptedException if the segment holds damage that acknowledged entries follow
     */
    public static FileRecordLog open(Path directory) {
        return open(directory, ChannelOpener.DEFAULT);
    }

    static FileRecordLog open(Path directory, ChannelOpener opener) {
        return StoreDirectory.open(directory, "log", (absolute, lock) -> openLocked(absolute, lock, opener),
                log -> log.writer.start());
    }

    private static FileRecordLog openLocked(Path directory, DirectoryLock lock, ChannelOpener opener) throws IOException {
        AppendOnlyFile segment = AppendOnlyFile.openOrCreate(directory.resolve(FILE_NAME), FrameFormat.fileHeader(), opener);
        try {
            SegmentRecovery.Result recovered = SegmentRecovery.recover(segment);
            if (recovered.tornTailBytes() > 0) {
                segment.truncateAndForce(recovered.committedEndOffset());
                LOG.log(System.Logger.Level.WARNING, "{0}: truncated an incomplete final batch of {1} bytes at byte"
                        + " offset {2} (a write cut off by a crash); {3} entries recovered", segment.path(),
                        recovered.tornTailBytes(), recovered.committedEndOffset(), recovered.index().size());
            }
            return new FileRecordLog(directory, lock, segment, ReadHandles.open(segment.path(), "log"), recovered);
        } catch (IOException | RuntimeException | Error e) {
            Closing.closeQuietly(segment, e);
            throw e;
        }
    }

    @Override
    public long append(byte[] entry) {
        return submit(AppendRequest.single(entry));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code entries} is empty, holds an invalid entry, or does
     *     not fit in one batch ({@value FrameFormat#MAX_BATCH_ENTRIES} entries,
     *     {@value FrameFormat#MAX_BATCH_PAYLOAD_BYTES} bytes)
     */
    @Override
    public long appendAll(List<byte[]> entries) {
        return submit(AppendRequest.group(entries));
    }

    private long submit(AppendRequest request) {
        queue.submit(request);
        return request.awaitFirstIndex();
    }

    @Override
    public long size() {
        return index.size();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     * @throws LogCorruptedException if the entry's frame was damaged after the log was opened
     */
    @Override
    public byte[] read(long index) {
        EntryIndex.Snapshot entries = this.index.snapshot();
        Objects.checkIndex(index, entries.count());
        return reader.read(entries, (int) index);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= fromIndex <= size()}
     */
    @Override
    public void scan(long fromIndex, EntryVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        EntryIndex.Snapshot entries = index.snapshot();
        Objects.checkFromToIndex(fromIndex, entries.count(), entries.count());
        reader.scan(entries, (int) fromIndex, visitor);
    }

    /**
     * Stops accepting appends, lets the writer commit those already queued, then releases the files
     * and the directory lock. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.close(new LogUnavailableException("log " + directory + " is closed"));
        writer.join();
        Closing.closeAll(new LogUnavailableException("cannot close log " + directory), reads, segment, lock);
    }

    @Override
    public String toString() {
        return "FileRecordLog[" + directory + ", " + size() + " entries]";
    }
}
