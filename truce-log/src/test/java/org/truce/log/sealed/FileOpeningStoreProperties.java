package org.truce.log.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random openings (values up to the largest allowed, so that many cross batch boundaries), put in
 * random groups, some destroyed, read back before and after a reopen exactly as they were put, or
 * not at all; and random prefixes of such a file, as a crash leaves them.
 */
class FileOpeningStoreProperties {
    private static final Logger STORE_LOG = Logger.getLogger(FileOpeningStore.class.getName());

    @TempDir
    Path root;

    private final AtomicInteger example = new AtomicInteger();
    private Level logLevel;

    @BeforeEach
    void silenceRecoveryWarnings() {
        logLevel = STORE_LOG.getLevel();
        STORE_LOG.setLevel(Level.SEVERE); // most prefixes end in a torn batch, which is truncated
    }

    @AfterEach
    void restoreRecoveryWarnings() {
        STORE_LOG.setLevel(logLevel);
    }

    @Test
    void randomOpeningsRoundTripAndDestroyedOnesStayGone() {
        qt().withExamples(25).forAll(longs().all(), integers().between(1, 120)).checkAssert((seed, count) -> {
            Random random = new Random(seed);
            List<Opening> openings = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int valueBytes = random.nextInt(10) == 0 ? Opening.MAX_VALUE_BYTES : random.nextInt(random.nextBoolean() ? 100 : 5_000);
                openings.add(TestOpenings.random(random, valueBytes));
            }
            List<Opening> destroyed = new ArrayList<>();
            Path directory = root.resolve("example-" + example.incrementAndGet());
            try (OpeningStore store = FileOpeningStore.open(directory)) {
                for (int from = 0; from < count; ) {
                    int to = Math.min(count, from + 1 + random.nextInt(40));
                    store.putAll(openings.subList(from, to));
                    from = to;
                }
                for (Opening opening : openings) {
                    if (random.nextInt(4) == 0) {
                        assertThat(store.destroy(opening.commitment())).isTrue();
                        destroyed.add(opening);
                    }
                }
                assertStored(store, openings, destroyed);
            }
            try (OpeningStore store = FileOpeningStore.open(directory)) {
                assertStored(store, openings, destroyed);
            }
        });
    }

    /**
     * Any prefix of the file is a state a crash can leave (the destroys' in-place overwrites are
     * already in it): it opens, and holds exactly the openings of the batches it holds whole.
     */
    @Test
    void everyPrefixOfTheFileOpensWithTheOpeningsOfItsWholeBatches() {
        qt().withExamples(40).forAll(longs().all(), integers().between(0, 1_000_000)).checkAssert((seed, cutSeed) -> {
            Random random = new Random(seed);
            List<Opening> openings = new ArrayList<>();
            List<Opening> destroyed = new ArrayList<>();
            Path directory = root.resolve("example-" + example.incrementAndGet());
            try (OpeningStore store = FileOpeningStore.open(directory)) {
                for (int batch = 0; batch < 8; batch++) {
                    List<Opening> group = new ArrayList<>();
                    for (int i = random.nextInt(5); i >= 0; i--) {
                        group.add(TestOpenings.random(random, random.nextInt(3_000)));
                    }
                    store.putAll(group);
                    openings.addAll(group);
                    if (random.nextBoolean()) {
                        Opening victim = openings.get(random.nextInt(openings.size()));
                        if (store.destroy(victim.commitment())) {
                            destroyed.add(victim);
                        }
                    }
                }
            }
            Path file = OpeningsLayout.file(directory);
            Path cut = root.resolve("example-" + example.incrementAndGet());
            try {
                long cutAt = OpeningsLayout.FILE_HEADER_BYTES + cutSeed % (Files.size(file) - OpeningsLayout.FILE_HEADER_BYTES + 1);
                OpeningsLayout.copyPrefix(directory, cut, cutAt);
                List<String> whole = new ArrayList<>();
                List<String> batch = new ArrayList<>();
                for (OpeningsLayout.Frame frame : OpeningsLayout.frames(directory)) {
                    if (frame.end() > cutAt) {
                        break;
                    }
                    if (frame.commit()) {
                        whole.addAll(batch);
                        batch.clear();
                    } else if (frame.kind() != 3) {
                        batch.add(frame.commitmentHex());
                    }
                }
                try (OpeningStore store = FileOpeningStore.open(cut)) {
                    for (Opening opening : openings) {
                        boolean expected = whole.contains(opening.commitmentHex()) && !destroyed.contains(opening);
                        assertThat(store.find(opening.commitment())).as("%s after a cut at %d", opening, cutAt)
                                .isEqualTo(expected ? Optional.of(opening) : Optional.empty());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void assertStored(OpeningStore store, List<Opening> openings, List<Opening> destroyed) {
        for (Opening opening : openings) {
            if (destroyed.contains(opening)) {
                assertThat(store.find(opening.commitment())).isEmpty();
            } else {
                assertThat(store.find(opening.commitment())).contains(opening);
            }
        }
    }
}
