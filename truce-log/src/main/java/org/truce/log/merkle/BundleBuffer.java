package org.truce.log.merkle;

import java.util.ArrayList;
import java.util.List;
import org.truce.verify.tiles.EntryBundle;
import org.truce.verify.tiles.TileId;

/**
 * A BundleBuffer holds the entries of the last, partial entry bundle (fewer than 256), so that each
 * round can write the bundle of its new size without reading entries again. Not thread-safe.
 */
final class BundleBuffer {
    private final List<byte[]> entries;

    private BundleBuffer(List<byte[]> entries) {
        this.entries = new ArrayList<>(entries);
    }

    static BundleBuffer of(List<byte[]> entries) {
        if (entries.size() >= TileId.FULL_WIDTH) {
            throw new IllegalArgumentException("a partial bundle holds fewer than 256 entries, got " + entries.size());
        }
        return new BundleBuffer(entries);
    }

    /** Receives each full bundle as it is completed. */
    @FunctionalInterface
    interface FullBundleSink {
        void fullBundle(long index, byte[] bundle);
    }

    /** Adds the entry at {@code index}; if it completes a bundle, hands it to {@code sink}. */
    void add(long index, byte[] entry, FullBundleSink sink) {
        entries.add(entry);
        if (entries.size() == TileId.FULL_WIDTH) {
            sink.fullBundle(index / TileId.FULL_WIDTH, EntryBundle.encode(entries));
            entries.clear();
        }
    }

    /** Returns the number of entries in the partial bundle. */
    int width() {
        return entries.size();
    }

    /** Returns the partial bundle's bytes; requires {@code width() > 0}. */
    byte[] encodePartial() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("there is no partial bundle");
        }
        return EntryBundle.encode(entries);
    }
}
