package org.truce.log.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What every child JVM of a SIGKILL test ({@link ChildJvm}) does besides its work: it reports on
 * standard output, and it exits by itself if its parent goes away (standard input closes) or after a
 * minute, so that a failed test leaves no process behind.
 */
public final class ChildMain {
    private static final long MAX_LIFETIME_MILLIS = 60_000;

    private ChildMain() {}

    /** The child's work: starts the threads that write and report; returns at once. */
    @FunctionalInterface
    public interface Work {
        void start(PrintStream out) throws Exception;
    }

    /** Starts {@code work} with an ASCII standard output that flushes every line, then waits to be killed. */
    public static void run(Work work) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
        startWatchdog();
        work.start(out);
        Thread.sleep(MAX_LIFETIME_MILLIS);
        Runtime.getRuntime().halt(2);
    }

    private static void startWatchdog() {
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; end of input means it is gone
                }
            } catch (Exception e) {
                // fall through: without a parent there is nobody to report to
            }
            Runtime.getRuntime().halt(3);
        });
    }
}
