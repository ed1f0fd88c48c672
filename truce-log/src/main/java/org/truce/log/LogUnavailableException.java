package org.truce.log;

/** The log could not make an entry durable (disk full, IO error, closed); nothing was appended. */
public final class LogUnavailableException extends RuntimeException {
    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public LogUnavailableException(String message) {
        super(message);
    }
}
