package org.truce.log.merkle;

import java.time.Duration;
import java.util.Optional;
import org.truce.log.merkle.tiles.SignedCheckpoint;

/**
 * Publication is what readers see of the integrator: the latest checkpoint it published (durably),
 * and whether it has stopped. Readers wait here for a size to be integrated. Thread-safe.
 */
final class Publication {
    private SignedCheckpoint latest; // guarded by this
    private Throwable failure; // guarded by this
    private boolean stopped; // guarded by this

    synchronized void published(SignedCheckpoint checkpoint) {
        latest = checkpoint;
        notifyAll();
    }

    /** Records that the integrator stopped because of {@code cause}; waiters are released. */
    synchronized void failed(Throwable cause) {
        failure = cause;
        stopped = true;
        notifyAll();
    }

    /** Records that the integrator stopped because the log was closed. */
    synchronized void stopped() {
        stopped = true;
        notifyAll();
    }

    synchronized Optional<SignedCheckpoint> latest() {
        return Optional.ofNullable(latest);
    }

    synchronized long integratedSize() {
        return latest == null ? 0 : latest.size();
    }

    synchronized Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Waits until a checkpoint of at least {@code size} is published and returns true, or returns
     * false once {@code timeout} has passed or the integrator has stopped without reaching it.
     *
     * @throws IntegrationFailedException if the integrator stopped because of a failure
     */
    synchronized boolean await(long size, Duration timeout) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (latest == null || latest.size() < size) {
            if (failure != null) {
                throw new IntegrationFailedException(failure);
            }
            long remainingNanos = deadlineNanos - System.nanoTime();
            if (stopped || remainingNanos <= 0) {
                return false;
            }
            wait(Math.max(1, remainingNanos / 1_000_000));
        }
        return true;
    }
}
