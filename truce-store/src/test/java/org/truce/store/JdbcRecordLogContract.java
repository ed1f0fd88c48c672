package org.truce.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;

/** The {@link RecordLog} contract for {@link JdbcRecordLog}; run on each database by its subclasses. */
abstract class JdbcRecordLogContract {
    private static final int THREADS = 16;
    private static final int APPENDS_PER_THREAD = 20;

    private final Dialect dialect;
    @TempDir
    Path tempDir;

    private TestDatabase db;
    private JdbcRecordLog log;

    JdbcRecordLogContract(Dialect dialect) {
        this.dialect = dialect;
    }

    @BeforeEach
    void open() {
        db = TestDatabase.create(dialect, tempDir);
        log = new JdbcRecordLog(db.database());
    }

    @AfterEach
    void close() {
        if (db != null) {
            log.close();
            db.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private List<String> scanned(long fromIndex) {
        List<String> seen = new ArrayList<>();
        log.scan(fromIndex, (index, entry) -> seen.add(index + ":" + new String(entry, UTF_8)));
        return seen;
    }

    @Test
    void newLog_isEmpty() {
        assertThat(log.size()).isZero();
        assertThat(scanned(0)).isEmpty();
        assertThatThrownBy(() -> log.read(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void append_returnsDenseIndexes_andReadReturnsTheBytes() {
        assertThat(log.append(bytes("zero"))).isZero();
        assertThat(log.append(bytes("one"))).isEqualTo(1);
        assertThat(log.append(new byte[] {0, -1, 127, -128})).isEqualTo(2);

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.read(0)).isEqualTo(bytes("zero"));
        assertThat(log.read(1)).isEqualTo(bytes("one"));
        assertThat(log.read(2)).isEqualTo(new byte[] {0, -1, 127, -128});
    }

    @Test
    void read_outsideTheLog_throwsIndexOutOfBounds() {
        log.append(bytes("zero"));
        assertThatThrownBy(() -> log.read(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.read(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void appendAll_storesTheGroupContiguously_andReturnsTheFirstIndex() {
        log.append(bytes("a"));
        assertThat(log.appendAll(List.of(bytes("b"), bytes("c"), bytes("d")))).isEqualTo(1);
        assertThat(log.append(bytes("e"))).isEqualTo(4);
        assertThat(scanned(0)).containsExactly("0:a", "1:b", "2:c", "3:d", "4:e");
    }

    @Test
    void scan_fromAnIndex_visitsTheRestInOrder_acrossPages() {
        int count = JdbcRecordLog.SCAN_PAGE_ENTRIES * 2 + 5;
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(bytes("entry " + i));
        }
        log.appendAll(entries);

        List<String> seen = scanned(3);
        assertThat(seen).hasSize(count - 3);
        assertThat(seen.getFirst()).isEqualTo("3:entry 3");
        assertThat(seen.getLast()).isEqualTo((count - 1) + ":entry " + (count - 1));
        assertThat(scanned(count)).isEmpty();
        assertThatThrownBy(() -> scanned(count + 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> scanned(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void append_largestEntry_roundTrips() {
        byte[] largest = new byte[RecordLog.MAX_ENTRY_BYTES];
        for (int i = 0; i < largest.length; i++) {
            largest[i] = (byte) (i * 31);
        }
        long index = log.append(largest);
        assertThat(log.read(index)).isEqualTo(largest);
    }

    @Test
    void append_invalidEntries_areRejectedAndNothingIsAppended() {
        assertThatThrownBy(() -> log.append(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(new byte[RecordLog.MAX_ENTRY_BYTES + 1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.appendAll(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.appendAll(List.of(bytes("ok"), new byte[0]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.appendAll(Collections.nCopies(JdbcRecordLog.MAX_APPEND_ENTRIES + 1, bytes("x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.appendAll(Collections.nCopies(5, new byte[RecordLog.MAX_ENTRY_BYTES])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(log.size()).isZero();
    }

    @Test
    void concurrentAppends_fromSixteenThreads_getUniqueDenseIndexes() throws Exception {
        Map<Long, String> written = new ConcurrentHashMap<>();
        runConcurrently(THREADS, thread -> {
            for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                appendFrom(thread, i, written);
            }
        });

        int expected = THREADS * APPENDS_PER_THREAD * 3 / 2; // every other append is a pair
        assertThat(log.size()).isEqualTo(expected);
        assertThat(written.keySet()).hasSize(expected).allMatch(i -> i >= 0 && i < expected);
        written.forEach((index, text) -> assertThat(new String(log.read(index), UTF_8)).isEqualTo(text));
    }

    private void appendFrom(int thread, int i, Map<Long, String> written) {
        String text = "thread " + thread + " append " + i;
        if (i % 2 == 0) {
            putOnce(written, log.append(bytes(text)), text);
        } else {
            long first = log.appendAll(List.of(bytes(text + " a"), bytes(text + " b")));
            putOnce(written, first, text + " a");
            putOnce(written, first + 1, text + " b");
        }
    }

    private static void putOnce(Map<Long, String> written, long index, String text) {
        String earlier = written.putIfAbsent(index, text);
        assertThat(earlier).as("index %d given twice", index).isNull();
    }

    @Test
    void groupCommit_sixtyFourThreads_getDenseContiguousGroups_andTheirExactBytes() throws Exception {
        appendFromSixtyFourThreads(List.of(log));
    }

    @Test
    void twoLogsOnOneDatabase_likeTwoProcesses_shareOneDenseSequence() throws Exception {
        JdbcRecordLog other = new JdbcRecordLog(db.database()); // its own queue: the two meet only at the head row's lock
        try {
            appendFromSixtyFourThreads(List.of(log, other));
            assertThat(other.size()).isEqualTo(log.size());
        } finally {
            other.close();
        }
    }

    /** Thread t appends through {@code logs[t % n]}; then checks every index and byte through {@link #log}. */
    private void appendFromSixtyFourThreads(List<JdbcRecordLog> logs) throws Exception {
        int threads = 64;
        int appendsPerThread = 15;
        Map<Long, byte[]> written = new ConcurrentHashMap<>();
        runConcurrently(threads, thread -> {
            JdbcRecordLog through = logs.get(thread % logs.size());
            for (int i = 0; i < appendsPerThread; i++) {
                // groups of 1 to 4 entries of 1 to 600 bytes, each byte telling thread, append and position
                List<byte[]> group = new ArrayList<>();
                for (int k = 0; k <= (thread + i) % 4; k++) {
                    byte[] entry = new byte[1 + (thread * 131 + i * 17 + k * 7) % 600];
                    for (int b = 0; b < entry.length; b++) {
                        entry[b] = (byte) (thread * 31 + i * 7 + k * 3 + b);
                    }
                    group.add(entry);
                }
                long first = group.size() == 1 ? through.append(group.getFirst()) : through.appendAll(group);
                for (int k = 0; k < group.size(); k++) {
                    assertThat(written.putIfAbsent(first + k, group.get(k))).as("index %d given twice", first + k).isNull();
                }
            }
        });

        long expected = written.size();
        assertThat(log.size()).isEqualTo(expected);
        assertThat(written.keySet()).allMatch(i -> i >= 0 && i < expected); // unique and within size: dense
        List<Long> seen = new ArrayList<>();
        log.scan(0, (index, entry) -> {
            assertThat(entry).as("entry %d", index).isEqualTo(written.get(index));
            seen.add(index);
        });
        assertThat(seen).hasSize((int) expected);
    }

    @Test
    void databaseFailure_failsTheWaitingAppends_andLeavesTheAcknowledgedOnes() throws Exception {
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        CountDownLatch someAcknowledged = new CountDownLatch(THREADS);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Thread breaker = new Thread(() -> {
            try {
                someAcknowledged.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            db.database().close(); // every later transaction fails to get a connection
        });
        breaker.start();
        runConcurrently(THREADS, thread -> {
            try {
                for (int i = 0; ; i++) {
                    String text = "thread " + thread + " append " + i;
                    acknowledged.put(log.append(bytes(text)), text);
                    someAcknowledged.countDown();
                }
            } catch (LogUnavailableException e) {
                failures.add(e);
            }
        });
        breaker.join();

        assertThat(failures).hasSize(THREADS); // every thread ended on a failure, none hangs
        log.close();
        log = new JdbcRecordLog(db.reopen());
        assertThat(log.size()).isGreaterThanOrEqualTo(acknowledged.size());
        acknowledged.forEach((index, text) -> assertThat(new String(log.read(index), UTF_8)).isEqualTo(text));
    }

    /** Runs {@code body} on {@code threads} threads started together, and fails with the first failure. */
    private static void runConcurrently(int threads, ThreadBody body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    @Test
    void reopen_keepsTheEntries() {
        log.appendAll(List.of(bytes("a"), bytes("b")));
        log.close();
        log = new JdbcRecordLog(db.reopen());
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.append(bytes("c"))).isEqualTo(2);
        assertThat(scanned(0)).containsExactly("0:a", "1:b", "2:c");
    }

    @Test
    void closedLog_refusesEveryCall() {
        log.append(bytes("a"));
        log.close();
        assertThatThrownBy(() -> log.append(bytes("b"))).isInstanceOf(LogUnavailableException.class);
        assertThatThrownBy(() -> log.size()).isInstanceOf(LogUnavailableException.class);
        assertThatThrownBy(() -> log.read(0)).isInstanceOf(LogUnavailableException.class);
    }
}
