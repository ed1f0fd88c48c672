package org.truce.bench;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.truce.service.format.Json;
import org.truce.service.ledger.Entry;
import org.truce.service.ledger.EntryCodec;

/** Encoding and decoding one report entry: the CPU cost of the write path and of replay, per entry. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EntryCodecBenchmark {
    private Entry entry;
    private byte[] encoded;

    @Setup
    public void setUp() {
        var payload = Json.parse(("{\"id\":\"0b7c3f50-1f7e-4b8e-9a37-5d9b1f6c2a10\",\"occurred_from\":\"2016-05-06T10:00:00+03:00\","
                + "\"occurred_to\":\"2016-05-06T10:30:00+03:00\",\"location\":{\"lat\":36.2021,\"lon\":37.1343,\"precision_m\":500},"
                + "\"event_type\":\"Explosions/Remote violence\",\"sub_event_type\":\"Shelling/artillery/missile attack\","
                + "\"perpetrator\":\"Fatah Halab\",\"perpetrator_actor\":\"fatah-halab\",\"fatalities\":3,"
                + "\"source\":{\"name\":\"SANA\",\"reliability\":\"C\",\"credibility\":3},\"description\":\"Mortar shells hit al-Midan\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        entry = new Entry("report.submitted", 1, "anonymous", Instant.parse("2026-12-02T00:00:00Z"), payload, null);
        encoded = EntryCodec.encode(entry);
    }

    @Benchmark
    public byte[] encode() {
        return EntryCodec.encode(entry);
    }

    @Benchmark
    public Entry decode() {
        return EntryCodec.decode(encoded);
    }
}
