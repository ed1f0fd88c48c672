package org.truce.log.merkle;

/**
 * A LogIntegrityException is state that a correct log can never reach: tiles that do not give the
 * signed root, a checkpoint not signed by the log's key, a sequenced log shorter than its
 * checkpoint, an entry that differs from its tile. The log refuses to open (or its integrator
 * stops) rather than sign anything on top of it; the operator restores from a replica.
 */
public final class LogIntegrityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogIntegrityException(String message) {
        super(message);
    }

    public LogIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
