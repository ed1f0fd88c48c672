package org.truce.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.log.file.TestEntries.filled;
import static org.truce.log.file.TestEntries.numbered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.RecordLog;

class RecoveryTest {
    private static final Logger RECOVERY_LOG = Logger.getLogger(FileRecordLog.class.getName());

    @TempDir
    Path root;

    private Level logLevel;

    @BeforeEach
    void silenceRecoveryWarnings() {
        logLevel = RECOVERY_LOG.getLevel();
        RECOVERY_LOG.setLevel(Level.SEVERE); // hundreds of truncations are expected here
    }

    @AfterEach
    void restoreRecoveryWarnings() {
        RECOVERY_LOG.setLevel(logLevel);
    }

    private Path log() {
        return root.resolve("log");
    }

    private void appendSingles(int count) {
        try (RecordLog log = FileRecordLog.open(log())) {
            for (int n = 0; n < count; n++) {
                log.append(numbered(n));
            }
        }
    }

    private static void assertNumberedEntries(Path directory, int expectedCount) {
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThat(log.size()).isEqualTo(expectedCount);
            for (int n = 0; n < expectedCount; n++) {
                assertThat(log.read(n)).isEqualTo(numbered(n));
            }
            assertThat(log.append(numbered(expectedCount))).as("appends continue after recovery").isEqualTo(expectedCount);
        }
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThat(log.size()).isEqualTo(expectedCount + 1);
            assertThat(log.read(expectedCount)).isEqualTo(numbered(expectedCount));
        }
    }

    @Test
    void garbageAfterTheLastCommitIsTruncatedAndAppendsContinue() throws IOException {
        appendSingles(5);
        long committedBytes = Files.size(SegmentLayout.segment(log()));
        byte[] garbage = new byte[100];
        new Random(42).nextBytes(garbage);
        Files.write(SegmentLayout.segment(log()), garbage, StandardOpenOption.APPEND);

        try (RecordLog log = FileRecordLog.open(log())) {
            assertThat(log.size()).isEqualTo(5);
        }
        assertThat(Files.size(SegmentLayout.segment(log()))).isEqualTo(committedBytes);
        assertNumberedEntries(log(), 5);
    }

    @Test
    void zeroFilledTailIsTruncated() throws IOException {
        appendSingles(3);
        Files.write(SegmentLayout.segment(log()), new byte[8_192], StandardOpenOption.APPEND);
        assertNumberedEntries(log(), 3);
    }

    @Test
    void fileCutInsideTheLastBatchKeepsEveryCompleteBatch() throws IOException {
        appendSingles(5);
        List<SegmentLayout.Frame> frames = SegmentLayout.frames(log());
        SegmentLayout.Frame lastEntry = frames.get(frames.size() - 2);
        SegmentLayout.Frame lastCommit = frames.get(frames.size() - 1);
        long[] cuts = {
            lastEntry.offset() + 2, // inside the length word
            lastEntry.offset() + 6, // inside the CRC
            lastEntry.offset() + 8 + (lastEntry.bytes() - 8) / 2, // inside the payload
            lastCommit.offset(), // complete entry frame, no commit frame
            lastCommit.offset() + 10, // inside the commit frame
            lastCommit.end() - 1,
        };
        for (long cut : cuts) {
            Path copy = root.resolve("cut-" + cut);
            SegmentLayout.copyPrefix(log(), copy, cut);
            assertNumberedEntries(copy, 4);
        }
    }

    @Test
    void everyCutPointKeepsAPrefixOfWholeGroups() throws IOException {
        int[] groupSizes = {1, 3, 2, 4, 1};
        List<byte[]> written = new ArrayList<>();
        try (RecordLog log = FileRecordLog.open(log())) {
            for (int size : groupSizes) {
                List<byte[]> group = new ArrayList<>();
                for (int g = 0; g < size; g++) {
                    group.add(filled(1 + written.size() % 7, written.size()));
                    written.add(group.get(g));
                }
                log.appendAll(group);
            }
        }
        List<SegmentLayout.Frame> commits = SegmentLayout.commitFrames(log());
        long fileBytes = Files.size(SegmentLayout.segment(log()));
        for (long cut = SegmentLayout.FILE_HEADER_BYTES; cut <= fileBytes; cut++) {
            int expected = 0;
            for (int group = 0; group < groupSizes.length; group++) {
                expected += commits.get(group).end() <= cut ? groupSizes[group] : 0;
            }
            Path copy = root.resolve("cut-" + cut);
            SegmentLayout.copyPrefix(log(), copy, cut);
            try (RecordLog log = FileRecordLog.open(copy)) {
                assertThat(log.size()).as("entries after cutting the file to %d bytes", cut).isEqualTo(expected);
                for (int i = 0; i < expected; i++) {
                    assertThat(log.read(i)).isEqualTo(written.get(i));
                }
            }
        }
    }

    @Test
    void fileShorterThanItsHeaderIsRejected() throws IOException {
        appendSingles(1);
        SegmentLayout.copyPrefix(log(), root.resolve("short"), 5);
        assertThatThrownBy(() -> FileRecordLog.open(root.resolve("short")))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining("header");
    }

    @Test
    void flippedPayloadByteInAnEarlyEntryFailsOpenNamingIndexAndOffset() throws IOException {
        appendSingles(10);
        SegmentLayout.Frame third = SegmentLayout.entryFrames(log()).get(2);
        SegmentLayout.flipByte(SegmentLayout.segment(log()), third.offset() + 8 + 3);

        assertThatThrownBy(() -> FileRecordLog.open(log()))
                .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                    assertThat(e.index()).isEqualTo(2);
                    assertThat(e.byteOffset()).isEqualTo(third.offset());
                })
                .hasMessageContaining("entry index 2")
                .hasMessageContaining("byte offset " + third.offset())
                .hasMessageContaining("CRC32C");
    }

    @Test
    void flippedLengthWordInAnEarlyEntryFailsOpen() throws IOException {
        appendSingles(10);
        SegmentLayout.Frame second = SegmentLayout.entryFrames(log()).get(1);
        SegmentLayout.flipByte(SegmentLayout.segment(log()), second.offset() + 3);

        assertThatThrownBy(() -> FileRecordLog.open(log()))
                .isInstanceOfSatisfying(LogCorruptedException.class, e -> assertThat(e.index()).isEqualTo(1));
    }

    @Test
    void damagedCommitFrameFollowedByLaterBatchesFailsOpen() throws IOException {
        appendSingles(4);
        SegmentLayout.Frame firstCommit = SegmentLayout.commitFrames(log()).get(0);
        SegmentLayout.flipByte(SegmentLayout.segment(log()), firstCommit.offset() + 15);

        assertThatThrownBy(() -> FileRecordLog.open(log()))
                .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                    assertThat(e.index()).isZero();
                    assertThat(e.byteOffset()).isEqualTo(firstCommit.offset());
                });
    }

    @Test
    void damageInsideAGroupNamesTheDamagedEntry() throws IOException {
        try (RecordLog log = FileRecordLog.open(log())) {
            log.appendAll(List.of(numbered(0), numbered(1), numbered(2), numbered(3), numbered(4)));
            log.append(numbered(5));
        }
        SegmentLayout.Frame fourth = SegmentLayout.entryFrames(log()).get(3);
        SegmentLayout.flipByte(SegmentLayout.segment(log()), fourth.offset() + 8);

        assertThatThrownBy(() -> FileRecordLog.open(log()))
                .isInstanceOfSatisfying(LogCorruptedException.class, e -> assertThat(e.index()).isEqualTo(3));
    }

    @Test
    void undecodableBytesLongerThanOneBatchAreCorruptionNotATornTail() throws IOException {
        appendSingles(2);
        byte[] garbage = new byte[FrameFormat.MAX_BATCH_FRAME_BYTES + 1];
        java.util.Arrays.fill(garbage, (byte) 0xFF);
        Files.write(SegmentLayout.segment(log()), garbage, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> FileRecordLog.open(log()))
                .isInstanceOfSatisfying(LogCorruptedException.class, e -> assertThat(e.index()).isEqualTo(2))
                .hasMessageContaining("more than one batch");
    }

    /**
     * After power loss the final batch's commit frame can reach the disk while an entry frame
     * before it does not; that batch was never acknowledged, so it is a torn tail, not corruption.
     */
    @Test
    void damagedEntryBeforeTheFinalBatchsOwnCommitFrameIsATornTail() throws IOException {
        try (RecordLog log = FileRecordLog.open(log())) {
            log.append(numbered(0));
            log.append(numbered(1));
            log.appendAll(List.of(numbered(2), numbered(3), numbered(4)));
        }
        SegmentLayout.Frame middleOfLastBatch = SegmentLayout.entryFrames(log()).get(3);
        SegmentLayout.flipByte(SegmentLayout.segment(log()), middleOfLastBatch.offset() + 9);
        assertNumberedEntries(log(), 2);
    }

    @Test
    void zeroedSectorInsideTheFinalBatchIsATornTail() throws IOException {
        try (RecordLog log = FileRecordLog.open(log())) {
            log.append(numbered(0));
            log.appendAll(List.of(filled(2_000, 1), filled(2_000, 2), filled(2_000, 3)));
        }
        SegmentLayout.Frame secondOfBatch = SegmentLayout.entryFrames(log()).get(2);
        try (var channel = java.nio.channels.FileChannel.open(SegmentLayout.segment(log()), StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.allocate(512), secondOfBatch.offset() - 100);
        }
        assertNumberedEntries(log(), 1);
    }

    @Test
    void aFileThatIsNotALogSegmentIsRejected() throws IOException {
        Files.createDirectories(log());
        Files.writeString(SegmentLayout.segment(log()), "definitely not a log segment");
        assertThatThrownBy(() -> FileRecordLog.open(log()))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void damageAfterOpenIsReportedByReadAndScan() throws IOException {
        try (RecordLog log = FileRecordLog.open(log())) {
            for (int n = 0; n < 3; n++) {
                log.append(numbered(n));
            }
            SegmentLayout.Frame second = SegmentLayout.entryFrames(log()).get(1);
            SegmentLayout.flipByte(SegmentLayout.segment(log()), second.offset() + 8);

            assertThat(log.read(0)).isEqualTo(numbered(0));
            assertThatThrownBy(() -> log.read(1))
                    .isInstanceOfSatisfying(LogCorruptedException.class, e -> assertThat(e.index()).isEqualTo(1));
            assertThatThrownBy(() -> log.scan(0, (index, entry) -> {}))
                    .isInstanceOfSatisfying(LogCorruptedException.class, e -> assertThat(e.index()).isEqualTo(1));
        }
    }
}
