package org.truce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

/**
 * An inclusion proof for a random entry of a log of {@code size} entries over {@link FileRecordLog}
 * and {@link FileTileStore}, in one run both ways: {@code tileCache=off}, every proof reads every
 * tile it needs from the tile files (the page cache holds them; Truce keeps no tile, expanded or
 * not, between proofs), and {@code tileCache=default}, through Truce's cache of recently read tiles
 * at its default size ({@link MerkleLog.Settings#defaults()}).
 *
 * <pre>java -jar truce-bench/target/benchmarks.jar InclusionProofBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InclusionProofBenchmark {
    @Param({"1000000"})
    long size;

    /** off: from storage, no tile cache; default: the default cache of recently read tiles (256 tiles). */
    @Param({"off", "default"})
    String tileCache;

    private Path directory;
    private MerkleLog log;
    private final SplittableRandom random = new SplittableRandom(2016);

    @Setup(Level.Trial)
    public void build() throws Exception {
        directory = Files.createTempDirectory("truce-bench-proofs");
        int cachedTiles = switch (tileCache) {
            case "off" -> 0;
            case "default" -> MerkleLog.Settings.defaults().cachedTiles();
            default -> throw new IllegalArgumentException("tileCache is off or default, not " + tileCache);
        };
        MerkleLog.Settings settings = new MerkleLog.Settings(Duration.ofMillis(50), Duration.ofSeconds(1), cachedTiles);
        log = MerkleLog.open(FileRecordLog.open(directory.resolve("log")), FileTileStore.open(directory.resolve("tiles")),
                SigningKeys.generate("bench.truce/log").signer(), 1, settings);
        byte[] entry = new byte[100];
        for (long written = 0; written < size; ) {
            int n = (int) Math.min(1024, size - written);
            List<byte[]> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(entry);
            }
            log.appendAll(batch);
            written += n;
        }
        if (!log.awaitIntegrated(size, Duration.ofMinutes(10))) {
            throw new IllegalStateException("log not integrated");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        LogAppendBenchmark.delete(directory);
    }

    @Benchmark
    public List<byte[]> inclusionProofFromStorage() {
        return log.inclusionProof(random.nextLong(size), size);
    }
}
