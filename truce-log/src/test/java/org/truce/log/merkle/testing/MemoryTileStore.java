package org.truce.log.merkle.testing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.truce.log.merkle.tiles.CheckpointConflictException;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.StaleFencingTokenException;
import org.truce.log.merkle.tiles.TileConflictException;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.tiles.TileId;

/**
 * A second, in-memory implementation of the {@link TileStore} contract: it makes the property
 * tests fast, and running the contract suite against it as well as the file store keeps the
 * contract honest (Trillian's storage testers do the same). Like {@link MemoryRecordLog}, closing
 * it keeps its contents.
 */
public final class MemoryTileStore implements TileStore {
    private final Map<TileId, byte[]> resources = new HashMap<>();
    private SignedCheckpoint checkpoint;
    private Long fencingToken;

    @Override
    public synchronized void writeHashTile(int level, long index, int width, byte[] hashes) {
        TileId tile = TileId.hashes(level, index, width);
        if (hashes.length != width * Hashes.SIZE) {
            throw new IllegalArgumentException(tile + ": " + hashes.length + " bytes");
        }
        put(tile, hashes);
    }

    @Override
    public synchronized void writeEntryBundle(long index, int width, byte[] bundle) {
        TileId tile = TileId.entries(index, width);
        if (bundle.length == 0) {
            throw new IllegalArgumentException(tile + " is empty");
        }
        put(tile, bundle);
    }

    private void put(TileId tile, byte[] bytes) {
        byte[] existing = resources.get(tile);
        if (existing != null && !Arrays.equals(existing, bytes)) {
            throw new TileConflictException(tile, "stored bytes differ");
        }
        resources.put(tile, bytes.clone());
    }

    @Override
    public synchronized Optional<byte[]> readHashTile(int level, long index, int width) {
        return get(TileId.hashes(level, index, width));
    }

    @Override
    public synchronized Optional<byte[]> readEntryBundle(long index, int width) {
        return get(TileId.entries(index, width));
    }

    private Optional<byte[]> get(TileId tile) {
        return Optional.ofNullable(resources.get(tile)).map(byte[]::clone);
    }

    @Override
    public synchronized Optional<SignedCheckpoint> latestCheckpoint() {
        return Optional.ofNullable(checkpoint);
    }

    @Override
    public synchronized void publishCheckpoint(long token, SignedCheckpoint next) {
        if (fencingToken != null && token < fencingToken) {
            throw new StaleFencingTokenException(token, fencingToken);
        }
        if (checkpoint != null && next.size() < checkpoint.size()) {
            throw new CheckpointConflictException("size " + next.size() + " would go backwards from " + checkpoint.size());
        }
        if (checkpoint != null && next.size() == checkpoint.size() && !next.sameTree(checkpoint)) {
            throw new CheckpointConflictException("size " + next.size() + " has another root than the stored one");
        }
        fencingToken = fencingToken == null ? token : Math.max(fencingToken, token);
        checkpoint = next;
    }

    /** Replaces a stored resource regardless of the contract, as an attacker or a bad disk would. */
    public synchronized void tamper(TileId tile, byte[] bytes) {
        resources.put(tile, bytes.clone());
    }

    @Override
    public void close() {
        // the contents stay, as files would
    }
}
