package org.truce.log.merkle.tiles;

/**
 * A StaleFencingTokenException is a publish by a sequencer whose fencing token is lower than one
 * the store has already accepted: another sequencer took over, and this one must stop.
 */
public final class StaleFencingTokenException extends StoreConflictException {
    private static final long serialVersionUID = 1L;

    private final long presentedToken;
    private final long storedToken;

    public StaleFencingTokenException(long presentedToken, long storedToken) {
        super("fencing token " + presentedToken + " is stale: the store has accepted token " + storedToken
                + ", so another sequencer holds the log");
        this.presentedToken = presentedToken;
        this.storedToken = storedToken;
    }

    /** Returns the token the refused publish carried. */
    public long presentedToken() {
        return presentedToken;
    }

    /** Returns the highest token the store has accepted. */
    public long storedToken() {
        return storedToken;
    }
}
