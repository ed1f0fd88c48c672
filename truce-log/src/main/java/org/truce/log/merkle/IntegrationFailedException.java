package org.truce.log.merkle;

/**
 * An IntegrationFailedException says the integrator has stopped for good, so entries sequenced
 * from now on stay unintegrated until the log is reopened (and, for a conflict, until an operator
 * has looked). Its cause is what stopped it. Appends are unaffected: they remain durable.
 */
public final class IntegrationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IntegrationFailedException(Throwable cause) {
        super("the Merkle log's integrator has stopped: " + cause.getMessage(), cause);
    }
}
