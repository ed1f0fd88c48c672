package org.truce.log.merkle.tiles;

/**
 * A CheckpointConflictException is a checkpoint that cannot follow the stored one: a smaller tree,
 * the same size with another root, or a stored checkpoint that changed under the publisher (another
 * sequencer published). Publishing it could make the log sign two inconsistent trees.
 */
public final class CheckpointConflictException extends StoreConflictException {
    private static final long serialVersionUID = 1L;

    public CheckpointConflictException(String message) {
        super(message);
    }
}
