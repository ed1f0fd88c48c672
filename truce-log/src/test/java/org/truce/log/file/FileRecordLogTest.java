package org.truce.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.log.file.TestEntries.filled;
import static org.truce.log.file.TestEntries.numbered;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;

class FileRecordLogTest {
    @TempDir
    Path directory;

    @Test
    void appendReadScanAndSizeRoundTrip() {
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThat(log.size()).isZero();
            for (long n = 0; n < 100; n++) {
                assertThat(log.append(numbered(n))).isEqualTo(n);
                assertThat(log.size()).isEqualTo(n + 1);
            }
            for (long n = 0; n < 100; n++) {
                assertThat(log.read(n)).isEqualTo(numbered(n));
            }
            List<Long> visited = new ArrayList<>();
            log.scan(40, (index, entry) -> {
                assertThat(entry).isEqualTo(numbered(index));
                visited.add(index);
            });
            assertThat(visited).containsExactlyElementsOf(LongStream.range(40, 100).boxed().toList());
        }
    }

    @Test
    void reopenKeepsEverythingAndAppendsContinue() {
        List<byte[]> written = new ArrayList<>();
        try (RecordLog log = FileRecordLog.open(directory)) {
            written.add(filled(1, 1));
            written.add(filled(RecordLog.MAX_ENTRY_BYTES, 2));
            written.addAll(List.of(filled(10, 3), filled(20, 4), filled(30, 5)));
            log.append(written.get(0));
            log.append(written.get(1));
            log.appendAll(written.subList(2, 5));
        }
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThat(log.size()).isEqualTo(5);
            for (int i = 0; i < written.size(); i++) {
                assertThat(log.read(i)).as("entry %d", i).isEqualTo(written.get(i));
            }
            assertThat(log.append(filled(5, 6))).isEqualTo(5);
        }
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThat(log.size()).isEqualTo(6);
            assertThat(log.read(5)).isEqualTo(filled(5, 6));
        }
    }

    @Test
    void appendAllIsContiguousAndReturnsItsFirstIndex() {
        try (RecordLog log = FileRecordLog.open(directory)) {
            log.append(numbered(0));
            long first = log.appendAll(List.of(numbered(1), numbered(2), numbered(3)));
            long after = log.append(numbered(4));
            assertThat(first).isEqualTo(1);
            assertThat(after).isEqualTo(4);
            for (long n = 0; n <= 4; n++) {
                assertThat(log.read(n)).isEqualTo(numbered(n));
            }
        }
    }

    @Test
    void largestAllowedGroupIsAccepted() {
        List<byte[]> group = new ArrayList<>(Collections.nCopies(FrameFormat.MAX_BATCH_ENTRIES, filled(4_096, 9)));
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThat(log.appendAll(group)).isZero();
            assertThat(log.size()).isEqualTo(FrameFormat.MAX_BATCH_ENTRIES);
        }
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThat(log.size()).isEqualTo(FrameFormat.MAX_BATCH_ENTRIES);
            assertThat(log.read(FrameFormat.MAX_BATCH_ENTRIES - 1)).isEqualTo(filled(4_096, 9));
        }
    }

    @Test
    void scanCoversEntriesAcrossReadChunks() {
        try (RecordLog log = FileRecordLog.open(directory)) {
            for (int i = 0; i < 12; i++) {
                log.append(filled(300_000 + i, i));
            }
            List<Long> visited = new ArrayList<>();
            log.scan(0, (index, entry) -> {
                assertThat(entry).isEqualTo(filled(300_000 + (int) index, (int) index));
                visited.add(index);
            });
            assertThat(visited).hasSize(12);
        }
    }

    @Test
    void scanFromSizeVisitsNothingAndOutOfRangeIndexesFail() {
        try (RecordLog log = FileRecordLog.open(directory)) {
            log.append(numbered(0));
            List<Long> visited = new ArrayList<>();
            log.scan(1, (index, entry) -> visited.add(index));
            assertThat(visited).isEmpty();
            assertThatThrownBy(() -> log.scan(2, (index, entry) -> {})).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> log.scan(-1, (index, entry) -> {})).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> log.read(1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> log.read(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void invalidEntriesAndGroupsAreRejectedWithoutAppending() {
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThatThrownBy(() -> log.append(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.append(new byte[RecordLog.MAX_ENTRY_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MAX_ENTRY_BYTES");
            assertThatThrownBy(() -> log.append(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> log.appendAll(List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.appendAll(List.of(numbered(1), new byte[0])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.appendAll(Collections.nCopies(FrameFormat.MAX_BATCH_ENTRIES + 1, numbered(1))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.appendAll(Collections.nCopies(5, new byte[RecordLog.MAX_ENTRY_BYTES])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(log.size()).isZero();
        }
    }

    @Test
    void closedLogRefusesAppendsAndReadsAndCloseIsIdempotent() {
        RecordLog log = FileRecordLog.open(directory);
        log.append(numbered(0));
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(numbered(1)))
                .isInstanceOf(LogUnavailableException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> log.read(0))
                .isInstanceOf(LogUnavailableException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void anInterruptedReaderStillReadsKeepsItsInterruptAndTheLogKeepsWorking() throws Exception {
        try (RecordLog log = FileRecordLog.open(directory)) {
            log.append(numbered(0));
            Thread.currentThread().interrupt();
            try {
                assertThat(log.read(0)).isEqualTo(numbered(0));
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(log.read(0)).isEqualTo(numbered(0));
            Thread other = Thread.ofVirtual().start(() -> assertThat(log.read(0)).isEqualTo(numbered(0)));
            other.join();
            assertThat(log.append(numbered(1))).isEqualTo(1);
        }
    }

    @Test
    void readersAreNotDisturbedByAnotherReadersRepeatedInterrupts() throws Exception {
        try (RecordLog log = FileRecordLog.open(directory)) {
            for (long n = 0; n < 50; n++) {
                log.append(numbered(n));
            }
            AtomicBoolean interrupting = new AtomicBoolean(true);
            List<Thread> readers = new ArrayList<>();
            AtomicReference<Throwable> readerFailure = new AtomicReference<>();
            for (int r = 0; r < 8; r++) {
                readers.add(Thread.ofVirtual().start(() -> {
                    try {
                        while (interrupting.get()) {
                            log.scan(0, (index, entry) -> assertThat(entry).isEqualTo(numbered(index)));
                        }
                    } catch (Throwable t) {
                        readerFailure.compareAndSet(null, t);
                    }
                }));
            }
            for (int i = 0; i < 300; i++) {
                Thread.currentThread().interrupt();
                assertThat(log.read(7)).isEqualTo(numbered(7));
                assertThat(Thread.interrupted()).isTrue();
                readers.get(i % readers.size()).interrupt();
            }
            interrupting.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            assertThat(readerFailure.get()).isNull();
        }
    }

    @Test
    void anInterruptedAppenderStillGetsItsDurableIndex() {
        try (RecordLog log = FileRecordLog.open(directory)) {
            Thread.currentThread().interrupt();
            try {
                assertThat(log.append(numbered(0))).isZero();
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(log.read(0)).isEqualTo(numbered(0));
        }
    }
}
