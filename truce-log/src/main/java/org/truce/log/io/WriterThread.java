package org.truce.log.io;

/**
 * The thread a store's single writer runs on. A platform daemon thread: callers never run the
 * writer's IO, so an interrupted caller (a request timeout interrupting a virtual thread) cannot
 * close the write channel; and a store that nobody closed does not keep the JVM alive.
 */
public final class WriterThread {
    private final Thread thread;

    public WriterThread(String name, Runnable writer) {
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(writer);
    }

    public void start() {
        thread.start();
    }

    /**
     * Waits until the writer has finished (at once if it never started). Uninterruptibly, because
     * the store closes its files next and must not close them under a writer still using them; an
     * interrupt is kept for the caller.
     */
    public void join() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
