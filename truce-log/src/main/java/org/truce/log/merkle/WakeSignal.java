package org.truce.log.merkle;

/**
 * WakeSignal tells the integrator that entries were appended, or that it must stop. Signalling only
 * sets a flag under a lock the integrator never holds while working, so an append is never held up
 * by integration. Thread-safe.
 */
final class WakeSignal {
    private boolean signalled; // guarded by this
    private boolean stopping; // guarded by this

    synchronized void signal() {
        signalled = true;
        notifyAll();
    }

    synchronized void stop() {
        stopping = true;
        notifyAll();
    }

    synchronized boolean stopping() {
        return stopping;
    }

    /** Waits until signalled, told to stop, or {@code timeoutNanos} passed; clears the signal. */
    synchronized void awaitSignal(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!signalled && !stopping) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        signalled = false;
    }

    /** Waits {@code nanos}, or less if told to stop, ignoring appends: lets a batch build up. */
    synchronized void pause(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!stopping) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
    }
}
