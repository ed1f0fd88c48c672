package org.truce.store;

/** The database could not be reached or prepared (connection refused, bad credentials, failed migration). */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
