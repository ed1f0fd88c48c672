package org.truce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.truce.log.file.FileRecordLog;
import org.truce.log.merkle.MerkleLog;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.tiles.DirectoryTileSource;
import org.truce.verify.tiles.LogAudit;
import org.truce.verify.tiles.TileFetcher;

/**
 * The standalone verifier's replay of a whole log from its tile files: every entry bundle read and
 * hashed, every tile recomputed and compared, the root checked against the checkpoint. Compare the
 * bytes hashed per second with {@link ShaBaselineBenchmark} (the machine's SHA-256 limit) in the
 * same run: entries/s × 501 bytes.
 *
 * <pre>java -jar truce-bench/target/benchmarks.jar 'VerifierReplayBenchmark|ShaBaselineBenchmark.sha256Of501Bytes' -f 1 -wi 1 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VerifierReplayBenchmark {
    static final int ENTRY_BYTES = 500;

    @Param({"1000000"})
    long size;

    private Path directory;
    private Checkpoint checkpoint;

    @Setup(Level.Trial)
    public void build() throws Exception {
        directory = Files.createTempDirectory("truce-bench-replay");
        try (MerkleLog log = MerkleLog.open(FileRecordLog.open(directory.resolve("log")), FileTileStore.open(directory.resolve("tiles")),
                SigningKeys.generate("bench.truce/log").signer(), 1)) {
            byte[] entry = new byte[ENTRY_BYTES];
            for (long written = 0; written < size; ) {
                int n = (int) Math.min(1024, size - written);
                List<byte[]> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    entry[0] = (byte) (written + i);
                    batch.add(entry.clone());
                }
                log.appendAll(batch);
                written += n;
            }
            if (!log.awaitIntegrated(size, Duration.ofMinutes(10))) {
                throw new IllegalStateException("log not integrated");
            }
            checkpoint = log.checkpoint().orElseThrow().checkpoint();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        LogAppendBenchmark.delete(directory);
    }

    @Benchmark
    public Object auditWholeLogFromTiles() throws Exception {
        return LogAudit.audit(new TileFetcher(new DirectoryTileSource(directory.resolve("tiles"))), checkpoint);
    }
}
