package org.truce.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;
import org.truce.log.testing.ChildJvm;

/**
 * Kills a child JVM with SIGKILL while it appends, then checks that every index it reported as
 * acknowledged is in the recovered log with the right content. Five rounds on the same log, so
 * recovery also runs over the leftovers of earlier crashes.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 5;
    private static final int CHILD_THREADS = 16;
    private static final long NUMBERS_PER_ROUND = 100_000_000L;

    @TempDir
    Path root;

    @Test
    void everyAcknowledgedEntrySurvivesSigkill() throws Exception {
        Path directory = root.resolve("log");
        Map<Long, Long> acknowledged = new HashMap<>(); // index -> entry number, over all rounds
        RandomGenerator random = RandomGenerator.getDefault();
        Logger recoveryLog = Logger.getLogger(FileRecordLog.class.getName());
        Level level = recoveryLog.getLevel();
        recoveryLog.setLevel(Level.SEVERE); // a truncated torn tail is an expected outcome here
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int killDelayMillis = 20 + random.nextInt(400);
                Map<Long, Long> thisRound = crashOnce(directory, round, killDelayMillis);
                assertThat(thisRound).as("round %d acknowledged something", round).isNotEmpty();
                thisRound.forEach((index, n) -> assertThat(acknowledged.put(index, n))
                        .as("index %d acknowledged in two rounds", index).isNull());
                verifyRecovered(directory, acknowledged, round, killDelayMillis);
            }
        } finally {
            recoveryLog.setLevel(level);
        }
    }

    /** Runs one child, kills it {@code killDelayMillis} after its first acknowledgement, returns what it acknowledged. */
    private Map<Long, Long> crashOnce(Path directory, int round, int killDelayMillis) throws Exception {
        try (ChildJvm child = ChildJvm.start(CrashingAppender.class, root.resolve("child-" + round + ".err"),
                directory.toString(), Long.toString(round * NUMBERS_PER_ROUND), Integer.toString(CHILD_THREADS))) {
            child.awaitFirst(line -> true);
            if (round == 0) {
                assertThatThrownBy(() -> FileRecordLog.open(directory))
                        .isInstanceOf(LogUnavailableException.class)
                        .hasMessageContaining("another process");
            }
            Map<Long, Long> numberAtIndex = new HashMap<>();
            for (String line : child.killAfter(killDelayMillis)) {
                String[] fields = line.split(" ");
                numberAtIndex.put(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
            }
            return numberAtIndex;
        }
    }

    private static void verifyRecovered(Path directory, Map<Long, Long> acknowledged, int round, int killDelayMillis) {
        try (RecordLog log = FileRecordLog.open(directory)) {
            String context = "round " + round + ", killed " + killDelayMillis + " ms after the first ack";
            acknowledged.forEach((index, n) -> {
                assertThat(index).as("%s: acknowledged index %d present", context, index).isLessThan(log.size());
                assertThat(log.read(index)).as("%s: entry %d", context, index).isEqualTo(TestEntries.numbered(n));
            });
            Set<Long> numbers = new HashSet<>();
            log.scan(0, (index, entry) -> assertThat(numbers.add(TestEntries.numberOf(entry)))
                    .as("%s: entry %d is well formed and unique", context, index).isTrue());
            long next = log.size();
            assertThat(log.append(TestEntries.numbered(-1 - round))).as("appends continue").isEqualTo(next);
        }
    }
}
