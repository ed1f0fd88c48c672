package org.truce.log.sealed;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process for {@link FileOpeningStoreCrashTest}: puts numbered openings from several virtual
 * threads, and destroys every fifth, until it is killed. It prints "P n" once the put of opening n
 * returned, "d n" before it asks to destroy n and "D n" once that returned true.
 *
 * <p>Arguments: store directory, first opening number, thread count. It exits by itself if its
 * parent goes away (standard input closes) or after a minute, so that a failed test leaves no
 * process behind.
 */
public final class CrashingOpeningWriter {
    private static final long MAX_LIFETIME_MILLIS = 60_000;

    private CrashingOpeningWriter() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        AtomicLong nextNumber = new AtomicLong(Long.parseLong(args[1]));
        int threads = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
        startWatchdog();
        OpeningStore store = FileOpeningStore.open(directory);
        for (int t = 0; t < threads; t++) {
            Thread.ofVirtual().start(() -> writeForever(store, nextNumber, out));
        }
        Thread.sleep(MAX_LIFETIME_MILLIS);
        Runtime.getRuntime().halt(2);
    }

    private static void writeForever(OpeningStore store, AtomicLong nextNumber, PrintStream out) {
        while (true) {
            int groupSize = 1 + ThreadLocalRandom.current().nextInt(4);
            long first = nextNumber.getAndAdd(groupSize);
            List<Opening> group = new ArrayList<>();
            for (int g = 0; g < groupSize; g++) {
                group.add(TestOpenings.numbered(first + g));
            }
            store.putAll(group);
            StringBuilder lines = new StringBuilder();
            for (int g = 0; g < groupSize; g++) {
                lines.append("P ").append(first + g).append('\n');
            }
            out.print(lines); // one write, so lines of different threads never interleave
            for (long n = first; n < first + groupSize; n++) {
                if (n % 5 == 0) {
                    out.print("d " + n + "\n");
                    if (store.destroy(TestOpenings.numbered(n).commitment())) {
                        out.print("D " + n + "\n");
                    }
                }
            }
        }
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
