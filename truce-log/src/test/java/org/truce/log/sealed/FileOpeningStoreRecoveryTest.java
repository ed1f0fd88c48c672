package org.truce.log.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.log.sealed.TestOpenings.numbered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.LogUnavailableException;

/** What {@link FileOpeningStore} makes of the file a crash, a torn destroy or damage left behind. */
class FileOpeningStoreRecoveryTest {
    private static final Logger STORE_LOG = Logger.getLogger(FileOpeningStore.class.getName());

    @TempDir
    Path root;

    private Level logLevel;

    @BeforeEach
    void silenceRecoveryWarnings() {
        logLevel = STORE_LOG.getLevel();
        STORE_LOG.setLevel(Level.SEVERE); // truncations and finished destroys are expected here
    }

    @AfterEach
    void restoreRecoveryWarnings() {
        STORE_LOG.setLevel(logLevel);
    }

    private Path dir() {
        return root.resolve("openings");
    }

    /** Puts openings 0 .. count-1, one batch each. */
    private void putSingles(Path directory, int count) {
        try (OpeningStore store = FileOpeningStore.open(directory)) {
            for (int n = 0; n < count; n++) {
                store.putAll(List.of(numbered(n)));
            }
        }
    }

    /** Openings 0 .. expected-1 are found, {@code expected} is not, and puts continue after recovery. */
    private static void assertNumberedOpenings(Path directory, int expected) {
        try (OpeningStore store = FileOpeningStore.open(directory)) {
            for (int n = 0; n < expected; n++) {
                assertThat(store.find(numbered(n).commitment())).as("opening %d", n).contains(numbered(n));
            }
            assertThat(store.find(numbered(expected).commitment())).isEmpty();
            store.putAll(List.of(numbered(expected)));
        }
        try (OpeningStore store = FileOpeningStore.open(directory)) {
            assertThat(store.find(numbered(expected).commitment())).contains(numbered(expected));
        }
    }

    private long fileBytes() throws IOException {
        return Files.size(OpeningsLayout.file(dir()));
    }

    @Test
    void garbageAfterTheLastCommitIsTruncated() throws IOException {
        putSingles(dir(), 5);
        long committed = fileBytes();
        byte[] garbage = new byte[300];
        new Random(42).nextBytes(garbage);
        Files.write(OpeningsLayout.file(dir()), garbage, StandardOpenOption.APPEND);

        try (OpeningStore store = FileOpeningStore.open(dir())) {
            assertThat(store.find(numbered(4).commitment())).contains(numbered(4));
        }
        assertThat(fileBytes()).isEqualTo(committed);
        assertNumberedOpenings(dir(), 5);
    }

    @Test
    void zeroFilledTailIsTruncated() throws IOException {
        putSingles(dir(), 3);
        Files.write(OpeningsLayout.file(dir()), new byte[8_192], StandardOpenOption.APPEND);
        assertNumberedOpenings(dir(), 3);
    }

    @Test
    void aFileCutInsideTheLastBatchKeepsEveryEarlierBatch() throws IOException {
        putSingles(dir(), 4);
        List<OpeningsLayout.Frame> frames = OpeningsLayout.frames(dir());
        OpeningsLayout.Frame lastRecord = frames.get(frames.size() - 2);
        OpeningsLayout.Frame lastCommit = frames.getLast();
        long[] cuts = {
            lastRecord.offset() + 2, // inside the length word
            lastRecord.offset() + 6, // inside the CRC
            lastRecord.saltOffset() + 5, // inside the salt
            lastRecord.end() - 1, // inside the value
            lastCommit.offset(), // a whole record, no commit frame
            lastCommit.offset() + 10, // inside the commit frame
            lastCommit.end() - 1,
        };
        for (long cut : cuts) {
            Path copy = root.resolve("cut-" + cut);
            OpeningsLayout.copyPrefix(dir(), copy, cut);
            assertNumberedOpenings(copy, 3);
        }
    }

    @Test
    void everyCutPointKeepsWholeBatchesOnly() throws IOException {
        int[] batchSizes = {1, 3, 2, 4};
        int total = 0;
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            for (int size : batchSizes) {
                int first = total;
                store.putAll(IntStream.range(first, first + size).mapToObj(TestOpenings::numbered).toList());
                total += size;
            }
        }
        List<OpeningsLayout.Frame> commits = OpeningsLayout.commitFrames(dir());
        long fileBytes = fileBytes();
        for (long cut = OpeningsLayout.FILE_HEADER_BYTES; cut <= fileBytes; cut += 7) {
            int wholeBatches = 0;
            int kept = 0;
            while (wholeBatches < commits.size() && commits.get(wholeBatches).end() <= cut) {
                kept += batchSizes[wholeBatches++];
            }
            Path copy = root.resolve("cut-" + cut);
            OpeningsLayout.copyPrefix(dir(), copy, cut);
            try (OpeningStore store = FileOpeningStore.open(copy)) {
                for (int n = 0; n < total; n++) {
                    assertThat(store.find(numbered(n).commitment()).isPresent()).as("opening %d after a cut at %d", n, cut)
                            .isEqualTo(n < kept);
                }
            }
        }
    }

    @Test
    void aDamagedRecordInTheLastBatchIsATornTailEvenBehindAnIntactCommitFrame() throws IOException {
        putSingles(dir(), 3);
        OpeningsLayout.Frame last = OpeningsLayout.recordOf(dir(), numbered(2));
        OpeningsLayout.flipByte(dir(), last.valueOffset() - 3);
        assertNumberedOpenings(dir(), 2);
    }

    @Test
    void aDamagedRecordThatLaterBatchesFollowFailsTheOpenNamingItsOffsetAndCommitment() throws IOException {
        putSingles(dir(), 3);
        OpeningsLayout.Frame damaged = OpeningsLayout.recordOf(dir(), numbered(1));
        OpeningsLayout.flipByte(dir(), damaged.saltOffset() + 1);
        long before = fileBytes();

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> FileOpeningStore.open(dir()))
                    .isInstanceOfSatisfying(OpeningStoreCorruptedException.class, e -> {
                        assertThat(e.byteOffset()).hasValue(damaged.offset());
                        assertThat(e.commitmentHex()).contains(numbered(1).commitmentHex());
                    })
                    .hasMessageContaining("byte offset " + damaged.offset())
                    .hasMessageContaining(numbered(1).commitmentHex());
        }
        assertThat(fileBytes()).as("nothing cut off").isEqualTo(before);
    }

    @Test
    void aDamagedLengthWordThatLaterBatchesFollowFailsTheOpenNamingItsOffset() throws IOException {
        putSingles(dir(), 3);
        OpeningsLayout.Frame damaged = OpeningsLayout.recordOf(dir(), numbered(1));
        OpeningsLayout.overwrite(dir(), damaged.offset(), new byte[] {0x7F, 0, 0, 0});

        assertThatThrownBy(() -> FileOpeningStore.open(dir()))
                .isInstanceOf(OpeningStoreCorruptedException.class)
                .hasMessageContaining("byte offset " + damaged.offset())
                .hasMessageContaining("later batch");
    }

    @Test
    void aDamagedCommitFrameThatLaterBatchesFollowFailsTheOpen() throws IOException {
        putSingles(dir(), 3);
        OpeningsLayout.Frame commit = OpeningsLayout.commitFrames(dir()).getFirst();
        OpeningsLayout.flipByte(dir(), commit.offset() + 10);
        assertThatThrownBy(() -> FileOpeningStore.open(dir()))
                .isInstanceOf(OpeningStoreCorruptedException.class)
                .hasMessageContaining("byte offset " + commit.offset());
    }

    @Test
    void aFileThatIsNotAnOpeningsFileFailsTheOpenAndReleasesTheLock() throws IOException {
        Files.createDirectories(dir());
        Files.writeString(OpeningsLayout.file(dir()), "not openings");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> FileOpeningStore.open(dir()))
                    .isInstanceOf(OpeningStoreCorruptedException.class)
                    .hasMessageContaining("magic");
        }
        Files.delete(OpeningsLayout.file(dir()));
        assertNumberedOpenings(dir(), 0);
    }

    @Test
    void aDestroyedOpeningsSaltAndValueAreZeroInTheFile() throws IOException {
        Opening secret = TestOpenings.random(new Random(11), 200);
        Opening kept = TestOpenings.random(new Random(12), 200);
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            store.putAll(List.of(secret, kept));
            assertThat(OpeningsLayout.contains(dir(), secret.salt())).as("the scan finds what is there").isTrue();
            assertThat(OpeningsLayout.contains(dir(), secret.value())).isTrue();
            long before = fileBytes();

            assertThat(store.destroy(secret.commitment())).isTrue();
            assertDestroyedInFile(secret);
            assertThat(fileBytes()).as("the record stays; only a tombstone batch is added").isGreaterThan(before);
            assertThat(store.find(kept.commitment())).contains(kept);
        }
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            assertThat(store.find(secret.commitment())).isEmpty();
            assertThat(store.find(kept.commitment())).contains(kept);
        }
        assertDestroyedInFile(secret);
        assertThat(OpeningsLayout.contains(dir(), kept.salt())).isTrue();
        assertThat(OpeningsLayout.contains(dir(), kept.value())).isTrue();
    }

    private void assertDestroyedInFile(Opening secret) throws IOException {
        assertThat(OpeningsLayout.contains(dir(), secret.salt())).as("salt in the file").isFalse();
        assertThat(OpeningsLayout.contains(dir(), secret.value())).as("value in the file").isFalse();
        assertThat(OpeningsLayout.contains(dir(), secret.commitment())).as("the commitment stays").isTrue();
        OpeningsLayout.Frame record = OpeningsLayout.recordOf(dir(), secret);
        assertThat(record.kind()).as("marked destroyed").isEqualTo(2);
        byte[] file = Files.readAllBytes(OpeningsLayout.file(dir()));
        assertThat(Arrays.copyOfRange(file, (int) record.saltOffset(), (int) record.end()))
                .containsOnly(0).hasSize(32 + secret.value().length);
    }

    @Test
    void aDestroyCutOffBeforeItsOverwriteIsFinishedAtTheNextOpen() throws IOException {
        assertDestroyIsFinishedAfterRestoring(1.0);
    }

    @Test
    void aDestroyCutOffHalfwayThroughItsOverwriteIsFinishedAtTheNextOpen() throws IOException {
        assertDestroyIsFinishedAfterRestoring(0.5);
    }

    @Test
    void aDestroyWhoseNewCrcLandedButNotItsZerosIsFinishedAtTheNextOpen() throws IOException {
        assertDestroyIsFinishedAfterRestoring(-1);
    }

    /**
     * Destroys an opening, then puts back (a part of) its old bytes, as a crash during the overwrite
     * would have left them: {@code fraction} of the frame from its CRC on, or (-1) all but the CRC.
     */
    private void assertDestroyIsFinishedAfterRestoring(double fraction) throws IOException {
        Opening secret = TestOpenings.random(new Random(21), 3_000);
        Opening later = numbered(7);
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            store.putAll(List.of(secret));
            store.putAll(List.of(numbered(5), numbered(6)));
        }
        OpeningsLayout.Frame record = OpeningsLayout.recordOf(dir(), secret);
        byte[] old = Arrays.copyOfRange(Files.readAllBytes(OpeningsLayout.file(dir())), (int) record.offset(), (int) record.end());
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            assertThat(store.destroy(secret.commitment())).isTrue();
            store.putAll(List.of(later));
        }
        if (fraction < 0) {
            OpeningsLayout.overwrite(dir(), record.offset() + 8, Arrays.copyOfRange(old, 8, old.length));
        } else {
            int restored = (int) ((old.length - 4) * fraction);
            OpeningsLayout.overwrite(dir(), record.offset() + 4, Arrays.copyOfRange(old, 4, 4 + restored));
        }
        assertThat(OpeningsLayout.contains(dir(), Arrays.copyOfRange(secret.value(), 0, 64))).isTrue();

        try (OpeningStore store = FileOpeningStore.open(dir())) {
            assertThat(store.find(secret.commitment())).isEmpty();
            assertThat(store.find(numbered(6).commitment())).contains(numbered(6));
            assertThat(store.find(later.commitment())).contains(later);
        }
        assertDestroyedInFile(secret);
    }

    @Test
    void aRecordDamagedAfterOpenFailsItsFindNamingTheCommitment() throws IOException {
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            store.putAll(List.of(numbered(1), numbered(2)));
            OpeningsLayout.flipByte(dir(), OpeningsLayout.recordOf(dir(), numbered(1)).valueOffset() + 1);
            assertThatThrownBy(() -> store.find(numbered(1).commitment()))
                    .isInstanceOf(OpeningStoreCorruptedException.class)
                    .hasMessageContaining(numbered(1).commitmentHex())
                    .hasMessageContaining("CRC32C");
            assertThat(store.find(numbered(2).commitment())).contains(numbered(2));
        }
    }

    @Test
    void aRecordWhoseCrcIsValidButWhoseValueDoesNotMatchFailsItsFind() throws IOException {
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            store.putAll(List.of(numbered(1), numbered(2)));
        }
        OpeningsLayout.Frame record = OpeningsLayout.recordOf(dir(), numbered(1));
        OpeningsLayout.flipByte(dir(), record.valueOffset() + 1);
        OpeningsLayout.fixCrc(dir(), record);
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            assertThatThrownBy(() -> store.find(numbered(1).commitment()))
                    .isInstanceOfSatisfying(OpeningStoreCorruptedException.class,
                            e -> assertThat(e.commitmentHex()).contains(numbered(1).commitmentHex()))
                    .hasMessageContaining("do not hash to the commitment");
            assertThat(store.find(numbered(2).commitment())).contains(numbered(2));
        }
    }

    @Test
    void puttingStoredOpeningsAgainWritesNothing() throws IOException {
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            store.putAll(List.of(numbered(1), numbered(2)));
            long before = fileBytes();
            store.putAll(List.of(numbered(2), numbered(1)));
            assertThat(fileBytes()).isEqualTo(before);
            store.putAll(List.of(numbered(3), numbered(3)));
            assertThat(OpeningsLayout.frames(dir()).stream().filter(f -> numbered(3).commitmentHex().equals(f.commitmentHex())))
                    .as("a commitment repeated in one call is written once").hasSize(1);
        }
    }

    @Test
    void aRefusedPutWritesNothing() throws IOException {
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            long before = fileBytes();
            assertThatThrownBy(() -> store.putAll(List.of(numbered(1), TestOpenings.forged(numbered(2)))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(fileBytes()).isEqualTo(before);
        }
    }

    @Test
    void aPutLargerThanOneBatchIsWrittenAsSeveralAndAllOfItIsFound() throws IOException {
        Random random = new Random(5);
        List<Opening> large = IntStream.range(0, 150)
                .mapToObj(i -> TestOpenings.random(random, Opening.MAX_VALUE_BYTES))
                .toList();
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            store.putAll(large);
        }
        assertThat(OpeningsLayout.commitFrames(dir())).hasSizeGreaterThan(1);
        try (OpeningStore store = FileOpeningStore.open(dir())) {
            for (Opening opening : large) {
                assertThat(store.find(opening.commitment())).contains(opening);
            }
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryFailsWhileTheFirstIsOpen() {
        try (OpeningStore first = FileOpeningStore.open(dir())) {
            first.putAll(List.of(numbered(1)));
            assertThatThrownBy(() -> FileOpeningStore.open(dir()))
                    .isInstanceOf(LogUnavailableException.class)
                    .hasMessageContaining(dir().toAbsolutePath().toString());
            assertThat(first.find(numbered(1).commitment())).contains(numbered(1));
        }
        assertNumberedOpenings(dir(), 0);
    }
}
