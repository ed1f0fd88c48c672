package org.truce.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.truce.log.file.TestEntries.numbered;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.RecordLog;
import org.truce.log.testing.Concurrently;

class ConcurrentAppendTest {
    private static final int THREADS = 64;
    private static final int APPENDS_PER_THREAD = 100;

    @TempDir
    Path directory;

    @Test
    void appendsFrom64VirtualThreadsGetDenseUniqueIndexesAndReadBackExactly() throws Exception {
        Map<Long, Long> numberAtIndex = new ConcurrentHashMap<>();
        try (RecordLog log = FileRecordLog.open(directory)) {
            Concurrently.onVirtualThreads(THREADS, thread -> {
                for (int k = 0; k < APPENDS_PER_THREAD; k++) {
                    long n = thread * 1_000_000L + k;
                    Long previous = numberAtIndex.put(log.append(numbered(n)), n);
                    assertThat(previous).as("index handed out twice").isNull();
                }
            });
            long total = (long) THREADS * APPENDS_PER_THREAD;
            assertThat(log.size()).isEqualTo(total);
            assertThat(numberAtIndex.keySet()).containsExactlyInAnyOrderElementsOf(
                    LongStream.range(0, total).boxed().toList());
            numberAtIndex.forEach((index, n) -> assertThat(log.read(index)).isEqualTo(numbered(n)));
        }
        assertThat(SegmentLayout.commitFrames(directory).size())
                .as("batches: concurrent appends should share commits")
                .isLessThan(THREADS * APPENDS_PER_THREAD);
        try (RecordLog log = FileRecordLog.open(directory)) {
            numberAtIndex.forEach((index, n) -> assertThat(log.read(index)).isEqualTo(numbered(n)));
        }
    }

    @Test
    void concurrentGroupsStayContiguousAmongSingleAppends() throws Exception {
        Map<Long, Long> numberAtIndex = new ConcurrentHashMap<>();
        try (RecordLog log = FileRecordLog.open(directory)) {
            Concurrently.onVirtualThreads(THREADS, thread -> {
                for (int k = 0; k < 40; k++) {
                    long n = thread * 1_000_000L + k * 10L;
                    if (k % 2 == 0) {
                        numberAtIndex.put(log.append(numbered(n)), n);
                        continue;
                    }
                    int groupSize = 1 + (thread + k) % 5;
                    List<byte[]> group = new ArrayList<>();
                    for (int g = 0; g < groupSize; g++) {
                        group.add(numbered(n + g));
                    }
                    long first = log.appendAll(group);
                    for (int g = 0; g < groupSize; g++) {
                        numberAtIndex.put(first + g, n + g);
                    }
                }
            });
            assertThat(numberAtIndex).hasSize((int) log.size());
            numberAtIndex.forEach((index, n) -> assertThat(log.read(index)).isEqualTo(numbered(n)));
        }
    }
}
