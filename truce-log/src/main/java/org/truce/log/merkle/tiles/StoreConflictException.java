package org.truce.log.merkle.tiles;

/**
 * A StoreConflictException is a write a {@link TileStore} refused because it would contradict what
 * the store already holds. Unlike an IO failure it is never transient: retrying the same write
 * fails the same way, and a log that meets one must stop rather than sign anything further.
 */
public abstract sealed class StoreConflictException extends RuntimeException
        permits CheckpointConflictException, StaleFencingTokenException, TileConflictException {
    StoreConflictException(String message) {
        super(message);
    }
}
