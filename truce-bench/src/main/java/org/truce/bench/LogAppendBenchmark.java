package org.truce.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.truce.log.file.FileRecordLog;

/**
 * Durable appends of 500-byte entries to the embedded log with group commit, from 64 threads, against
 * the baseline of the same bytes written and fdatasync'ed in batches by a plain loop. Multiply the
 * baseline's ops/s by {@code batchEntries} for entries/s; choose {@code batchEntries} near the average
 * batch the log forms (about half the appending threads).
 *
 * <pre>java -jar truce-bench/target/benchmarks.jar LogAppendBenchmark -f 1 -wi 2 -i 5</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogAppendBenchmark {
    static final int ENTRY_BYTES = 500;

    @State(Scope.Benchmark)
    public static class Log {
        Path directory;
        FileRecordLog log;
        final byte[] entry = new byte[ENTRY_BYTES];

        @Setup(Level.Trial)
        public void open() throws IOException {
            directory = Files.createTempDirectory("truce-bench-log");
            log = FileRecordLog.open(directory);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            log.close();
            delete(directory);
        }
    }

    @State(Scope.Thread)
    public static class PlainFile {
        @Param({"32"})
        int batchEntries;
        Path directory;
        FileChannel channel;
        ByteBuffer batch;
        long position;

        @Setup(Level.Trial)
        public void open() throws IOException {
            directory = Files.createTempDirectory("truce-bench-plain");
            channel = FileChannel.open(directory.resolve("plain.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // the same framing overhead as the log: 8 bytes per entry and a 20-byte commit frame per batch
            batch = ByteBuffer.allocateDirect(batchEntries * (ENTRY_BYTES + 8) + 20);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
            delete(directory);
        }
    }

    @Benchmark
    @Threads(64)
    public long fileRecordLogAppend64Threads(Log state) {
        return state.log.append(state.entry);
    }

    @Benchmark
    @Threads(1)
    public long plainLoopBatchWriteAndForce(PlainFile state) throws IOException {
        state.batch.rewind();
        while (state.batch.hasRemaining()) {
            state.position += state.channel.write(state.batch, state.position);
        }
        state.channel.force(false);
        return state.position;
    }

    static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
