package org.truce.log.io;

/** Closing several resources so that one failure neither hides another nor leaves the rest open. */
public final class Closing {
    private Closing() {}

    /**
     * Closes {@code resource} (nothing if null) while another failure is being handled: a failure
     * to close is added to {@code primary} as suppressed, so that it does not replace the cause.
     */
    public static void closeQuietly(AutoCloseable resource, Throwable primary) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }

    /**
     * Closes every resource in order, the later ones even if an earlier one fails; then throws
     * {@code failure}, with every close failure suppressed in it, if there was any.
     */
    public static void closeAll(RuntimeException failure, AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            closeQuietly(resource, failure);
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }
}
