package org.truce.bench;

import java.io.IOException;
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
import org.openjdk.jmh.annotations.Threads;
import org.truce.domain.territory.Territory;

/**
 * Building the control lookup's index over the 10,000 dated areas of {@link ControlLookupData}: what
 * a change to the recorded areas costs the next question (the index is rebuilt whole).
 *
 * <pre>java -jar truce-bench/target/benchmarks.jar ControlIndexBuildBenchmark -f 1 -wi 3 -i 5</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class ControlIndexBuildBenchmark {
    @Param({"10000"})
    int areas;

    ControlLookupData data;

    @Setup(Level.Trial)
    public void load() throws IOException {
        data = new ControlLookupData(areas);
    }

    @Benchmark
    public Territory build() {
        return new Territory(data.areas);
    }
}
