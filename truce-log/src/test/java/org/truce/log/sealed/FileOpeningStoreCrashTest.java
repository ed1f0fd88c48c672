package org.truce.log.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.testing.ChildJvm;

/**
 * Kills a child JVM with SIGKILL while it puts and destroys openings, then checks that every
 * acknowledged put is found (unless a destroy of it was asked for), every acknowledged destroy is
 * empty and its salt gone from the file. Five rounds on the same store, so recovery also runs over
 * the leftovers of earlier crashes.
 */
class FileOpeningStoreCrashTest {
    private static final int ROUNDS = 5;
    private static final int CHILD_THREADS = 16;
    private static final long NUMBERS_PER_ROUND = 100_000_000L;

    @TempDir
    Path root;

    private final Set<Long> put = new HashSet<>();
    private final Set<Long> destroyAsked = new HashSet<>();
    private final Set<Long> destroyed = new HashSet<>();

    @Test
    void everyAcknowledgedPutAndDestroySurvivesSigkill() throws Exception {
        Path directory = root.resolve("openings");
        RandomGenerator random = RandomGenerator.getDefault();
        Logger storeLog = Logger.getLogger(FileOpeningStore.class.getName());
        Level level = storeLog.getLevel();
        storeLog.setLevel(Level.SEVERE); // a truncated torn tail or a finished destroy is an expected outcome here
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int killDelayMillis = 20 + random.nextInt(400);
                crashOnce(directory, round, killDelayMillis);
                verifyRecovered(directory, "round " + round + ", killed " + killDelayMillis + " ms after the first ack");
            }
        } finally {
            storeLog.setLevel(level);
        }
        assertThat(destroyed).as("some destroys were acknowledged").isNotEmpty();
    }

    private void crashOnce(Path directory, int round, int killDelayMillis) throws Exception {
        try (ChildJvm child = ChildJvm.start(CrashingOpeningWriter.class, root.resolve("child-" + round + ".err"),
                directory.toString(), Long.toString(round * NUMBERS_PER_ROUND), Integer.toString(CHILD_THREADS))) {
            child.awaitFirst(line -> true);
            for (String line : child.killAfter(killDelayMillis)) {
                long n = Long.parseLong(line.substring(2));
                switch (line.charAt(0)) {
                    case 'P' -> put.add(n);
                    case 'd' -> destroyAsked.add(n);
                    case 'D' -> destroyed.add(n);
                    default -> fail("unexpected line from the child: %s", line);
                }
            }
        }
    }

    private void verifyRecovered(Path directory, String context) throws IOException {
        try (OpeningStore store = FileOpeningStore.open(directory)) {
            for (long n : put) {
                Opening opening = TestOpenings.numbered(n);
                if (destroyed.contains(n)) {
                    assertThat(store.find(opening.commitment())).as("%s: destroyed opening %d", context, n).isEmpty();
                } else if (!destroyAsked.contains(n)) {
                    assertThat(store.find(opening.commitment())).as("%s: opening %d", context, n).contains(opening);
                } else {
                    assertThat(store.find(opening.commitment())).as("%s: opening %d, destroy unanswered", context, n)
                            .satisfiesAnyOf(found -> assertThat(found).isEmpty(), found -> assertThat(found).contains(opening));
                }
            }
            store.putAll(List.of(TestOpenings.numbered(-1 - put.size())));
        }
        byte[] file = Files.readAllBytes(OpeningsLayout.file(directory));
        for (long n : destroyed) {
            byte[] salt = TestOpenings.numbered(n).salt();
            assertThat(indexOf(file, salt)).as("%s: salt of destroyed opening %d in the file", context, n).isNegative();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int at = 0; at <= haystack.length - needle.length; at++) {
            if (Arrays.equals(haystack, at, at + needle.length, needle, 0, needle.length)) {
                return at;
            }
        }
        return -1;
    }
}
