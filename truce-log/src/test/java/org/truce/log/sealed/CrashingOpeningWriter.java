package org.truce.log.sealed;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.truce.log.testing.ChildMain;

/**
 * Child process for {@link FileOpeningStoreCrashTest}: puts numbered openings from several virtual
 * threads, and destroys every fifth, until it is killed. It prints "P n" once the put of opening n
 * returned, "d n" before it asks to destroy n and "D n" once that returned true.
 *
 * <p>Arguments: store directory, first opening number, thread count. It ends by itself
 * when the test goes away ({@link ChildMain}).
 */
public final class CrashingOpeningWriter {
    private CrashingOpeningWriter() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        AtomicLong nextNumber = new AtomicLong(Long.parseLong(args[1]));
        int threads = Integer.parseInt(args[2]);
        ChildMain.run(out -> {
            OpeningStore store = FileOpeningStore.open(directory);
            for (int t = 0; t < threads; t++) {
                Thread.ofVirtual().start(() -> writeForever(store, nextNumber, out));
            }
        });
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
}
