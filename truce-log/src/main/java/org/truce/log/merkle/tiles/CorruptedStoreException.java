package org.truce.log.merkle.tiles;

/**
 * A CorruptedStoreException is stored state that cannot be read as what it must be: a checkpoint
 * file that is not a signed checkpoint, a fencing token that is not a number. It is not an IO
 * failure (retrying reads the same bytes); the operator restores the store from a replica.
 */
public final class CorruptedStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptedStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public CorruptedStoreException(String message) {
        super(message);
    }
}
