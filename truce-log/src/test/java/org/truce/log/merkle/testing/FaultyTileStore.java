package org.truce.log.merkle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.TileStore;

/**
 * A TileStore decorator that records every checkpoint published through it and injects failures:
 * IO errors in the next few writes, or a failure of the next publish (thrown before or after the
 * checkpoint reaches the store).
 */
public final class FaultyTileStore implements TileStore {
    private final TileStore store;
    private final List<SignedCheckpoint> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger failingWrites = new AtomicInteger();
    private final AtomicReference<RuntimeException> publishFailure = new AtomicReference<>();
    private volatile boolean failAfterPublishing;
    private volatile boolean corruptNextHashTile;

    public FaultyTileStore(TileStore store) {
        this.store = store;
    }

    /** The next {@code count} tile or bundle writes fail with an IO error, without writing. */
    public void failNextWrites(int count) {
        failingWrites.set(count);
    }

    /** The next publish throws {@code failure} instead of publishing. */
    public void failNextPublish(RuntimeException failure) {
        failAfterPublishing = false;
        publishFailure.set(failure);
    }

    /** The next publish stores the checkpoint, then throws {@code failure}: an outcome the caller cannot know. */
    public void failNextPublishAfterStoring(RuntimeException failure) {
        failAfterPublishing = true;
        publishFailure.set(failure);
    }

    /** The next hash tile written has one bit flipped, as a bad disk or a bug in the tile code would. */
    public void corruptNextHashTileWrite() {
        corruptNextHashTile = true;
    }

    /** Returns every checkpoint published successfully through this store, in order. */
    public List<SignedCheckpoint> published() {
        return List.copyOf(published);
    }

    private void maybeFailWrite() {
        if (failingWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new UncheckedIOException(new IOException("injected write failure"));
        }
    }

    @Override
    public void writeHashTile(int level, long index, int width, byte[] hashes) {
        maybeFailWrite();
        byte[] written = hashes;
        if (corruptNextHashTile) {
            corruptNextHashTile = false;
            written = hashes.clone();
            written[written.length - 1] ^= 1;
        }
        store.writeHashTile(level, index, width, written);
    }

    @Override
    public void writeEntryBundle(long index, int width, byte[] bundle) {
        maybeFailWrite();
        store.writeEntryBundle(index, width, bundle);
    }

    @Override
    public Optional<byte[]> readHashTile(int level, long index, int width) {
        return store.readHashTile(level, index, width);
    }

    @Override
    public Optional<byte[]> readEntryBundle(long index, int width) {
        return store.readEntryBundle(index, width);
    }

    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
        return store.latestCheckpoint();
    }

    @Override
    public void publishCheckpoint(long fencingToken, SignedCheckpoint checkpoint) {
        RuntimeException failure = publishFailure.getAndSet(null);
        if (failure != null && !failAfterPublishing) {
            throw failure;
        }
        store.publishCheckpoint(fencingToken, checkpoint);
        published.add(checkpoint);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
