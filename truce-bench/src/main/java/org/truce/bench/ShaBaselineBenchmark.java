package org.truce.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The machine's SHA-256 limit on one core, for 500-byte entries (leaf hashes) and 65-byte nodes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ShaBaselineBenchmark {
    private final byte[] entry = new byte[501];
    private final byte[] node = new byte[65];
    private MessageDigest sha;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        sha = MessageDigest.getInstance("SHA-256");
    }

    @Benchmark
    public byte[] sha256Of501Bytes() {
        return sha.digest(entry);
    }

    @Benchmark
    public byte[] sha256Of65Bytes() {
        return sha.digest(node);
    }
}
