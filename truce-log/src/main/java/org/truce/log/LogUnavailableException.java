package org.truce.log;

/**
 * The log could not make an entry durable (disk full, IO error, closed); nothing was appended.
 *
 * <p>Exception: where an implementation cannot tell whether a failed append took effect (a partial
 * write it could not undo, a connection lost during commit), the entries may turn out to be present
 * later, as after a crash. Each implementation documents when that can happen.
 */
public final class LogUnavailableException extends RuntimeException {
    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public LogUnavailableException(String message) {
        super(message);
    }
}
