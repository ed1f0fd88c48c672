package org.truce.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.log.file.TestEntries.numbered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;
import org.truce.log.testing.FaultyChannel;

class WriteFailureTest {
    @TempDir
    Path directory;

    private final FaultyChannel.Opener faulty = new FaultyChannel.Opener();

    private RecordLog openFaulty() {
        return FileRecordLog.open(directory, faulty);
    }

    private long segmentBytes() throws IOException {
        return Files.size(SegmentLayout.segment(directory));
    }

    @Test
    void aWriteThatFailsHalfwayIsRolledBackAndTheLogStaysUsable() throws IOException {
        try (RecordLog log = openFaulty()) {
            log.append(numbered(0));
            log.append(numbered(1));
            long goodBytes = segmentBytes();

            faulty.channel().failNextWriteAfter(11);
            assertThatThrownBy(() -> log.appendAll(List.of(numbered(2), numbered(3))))
                    .isInstanceOf(LogUnavailableException.class)
                    .hasMessageContaining("rolled back")
                    .hasRootCauseMessage("No space left on device (injected)");
            assertThat(log.size()).isEqualTo(2);
            assertThat(segmentBytes()).as("partial batch cut off").isEqualTo(goodBytes);

            assertThat(log.append(numbered(2))).isEqualTo(2);
        }
        assertReopensWith(3);
    }

    @Test
    void aFailedForceIsRolledBackAndTheLogStaysUsable() throws IOException {
        try (RecordLog log = openFaulty()) {
            log.append(numbered(0));
            long goodBytes = segmentBytes();

            faulty.channel().failNextForce();
            assertThatThrownBy(() -> log.append(numbered(1))).isInstanceOf(LogUnavailableException.class);
            assertThat(segmentBytes()).isEqualTo(goodBytes);

            assertThat(log.append(numbered(1))).isEqualTo(1);
        }
        assertReopensWith(2);
    }

    @Test
    void whenTheRollbackFailsTooAppendsAreRefusedUntilReopenAndReadsStillWork() {
        Logger recoveryLog = Logger.getLogger(FileRecordLog.class.getName());
        try (RecordLog log = openFaulty()) {
            log.append(numbered(0));
            faulty.channel().failTruncate(true);
            faulty.channel().failNextWriteAfter(13);

            assertThatThrownBy(() -> log.append(numbered(1)))
                    .isInstanceOf(LogUnavailableException.class)
                    .hasMessageContaining("reopened");
            assertThatThrownBy(() -> log.append(numbered(1)))
                    .isInstanceOf(LogUnavailableException.class)
                    .hasMessageContaining("reopened");
            assertThat(log.read(0)).isEqualTo(numbered(0));
            faulty.channel().failTruncate(false);
        }
        Level level = recoveryLog.getLevel();
        recoveryLog.setLevel(Level.SEVERE); // the 13 bytes left behind are truncated as a torn tail
        try {
            assertReopensWith(1);
        } finally {
            recoveryLog.setLevel(level);
        }
    }

    private void assertReopensWith(int count) {
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThat(log.size()).isEqualTo(count);
            for (int n = 0; n < count; n++) {
                assertThat(log.read(n)).isEqualTo(numbered(n));
            }
            assertThat(log.append(numbered(count))).isEqualTo(count);
        }
    }
}
