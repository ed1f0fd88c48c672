package org.truce.log.file;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.truce.log.RecordLog;
import org.truce.log.testing.ChildMain;

/**
 * Child process for {@link CrashRecoveryTest}: appends numbered entries from several virtual
 * threads until it is killed, printing "index number" for every entry once its append returned.
 *
 * <p>Arguments: log directory, first entry number, thread count. It ends by itself
 * when the test goes away ({@link ChildMain}).
 */
public final class CrashingAppender {
    private CrashingAppender() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        AtomicLong nextNumber = new AtomicLong(Long.parseLong(args[1]));
        int threads = Integer.parseInt(args[2]);
        ChildMain.run(acknowledgements -> {
            RecordLog log = FileRecordLog.open(directory);
            for (int t = 0; t < threads; t++) {
                Thread.ofVirtual().start(() -> appendForever(log, nextNumber, acknowledgements));
            }
        });
    }

    private static void appendForever(RecordLog log, AtomicLong nextNumber, PrintStream acknowledgements) {
        while (true) {
            int groupSize = ThreadLocalRandom.current().nextInt(4) == 0 ? 1 + ThreadLocalRandom.current().nextInt(4) : 1;
            long first = nextNumber.getAndAdd(groupSize);
            List<byte[]> group = new ArrayList<>();
            for (int g = 0; g < groupSize; g++) {
                group.add(TestEntries.numbered(first + g));
            }
            long index = groupSize == 1 ? log.append(group.get(0)) : log.appendAll(group);
            StringBuilder lines = new StringBuilder();
            for (int g = 0; g < groupSize; g++) {
                lines.append(index + g).append(' ').append(first + g).append('\n');
            }
            acknowledgements.print(lines); // one write, so lines of different threads never interleave
        }
    }
}
