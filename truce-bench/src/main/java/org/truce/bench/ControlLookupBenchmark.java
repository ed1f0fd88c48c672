package org.truce.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
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
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.territory.ControlAnswer;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.Geometries;
import org.truce.domain.territory.Territory;

/**
 * "Who controlled P at T" against 10,000 dated polygons ({@link ControlLookupData}), one question per
 * operation, on one thread: {@link Territory} (the adaptive grid) against the plain JTS lookup it
 * replaced ({@link StrTreeTerritory}: an STRtree over the areas' envelopes, a prepared geometry per
 * area, the validity filter, then {@code covers}). Both answer the same {@link ControlAnswer}, with the
 * same exclusions (Jabhat al-Nusra and ISIS), for the same 100,000 questions taken in turn. The PostGIS
 * baseline is {@link PostgisControlBenchmark}, to run in the same command:
 *
 * <pre>scripts/with-postgres java -jar truce-bench/target/benchmarks.jar 'ControlLookupBenchmark|PostgisControlBenchmark' \
 *     -f 1 -wi 3 -w 2s -i 5 -r 3s</pre>
 *
 * <p>The setup checks that both give the same answer to every question and prints the index's size,
 * its build time and the heap it takes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class ControlLookupBenchmark {
    static final Set<ActorId> EXCLUDED = Set.of(new ActorId("jabhat-al-nusra"), new ActorId("isis"));

    @Param({"10000"})
    int areas;

    @Param({"syria", "aleppo"})
    String points;

    Territory territory;
    StrTreeTerritory baseline;
    GeoPoint[] where;
    Instant[] when;
    int next;

    @Setup(Level.Trial)
    public void build() throws IOException {
        ControlLookupData data = new ControlLookupData(areas);
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        territory = new Territory(data.areas);
        long gridNanos = System.nanoTime() - t0;
        long heapAfter = usedHeap();
        t0 = System.nanoTime();
        baseline = new StrTreeTerritory(data.areas);
        long treeNanos = System.nanoTime() - t0;
        List<ControlLookupData.Question> questions = data.questions(points);
        where = questions.stream().map(ControlLookupData.Question::point).toArray(GeoPoint[]::new);
        when = questions.stream().map(ControlLookupData.Question::at).toArray(Instant[]::new);
        long answered = 0;
        for (int i = 0; i < where.length; i++) {
            ControlAnswer fast = territory.controlAt(where[i], when[i], 0, EXCLUDED::contains);
            ControlAnswer plain = baseline.controlAt(where[i], when[i], EXCLUDED::contains);
            if (!fast.equals(plain)) {
                throw new IllegalStateException("the grid and the STRtree disagree at " + where[i] + ", " + when[i] + ": " + fast + " / " + plain);
            }
            answered += fast.controllers().isEmpty() ? 0 : 1;
        }
        System.out.printf("%n%d areas, %s points: %s; grid built in %d ms, taking %.1f MB of heap (arrays %.1f MB);"
                        + " STRtree built in %d ms (its prepared geometries index lazily, at first use); %d of %d questions"
                        + " answered by at least one area, the same by both%n",
                areas, points, territory.indexSize(), gridNanos / 1_000_000, (heapAfter - heapBefore) / 1e6,
                territory.indexSize().arrayBytes() / 1e6, treeNanos / 1_000_000, answered, where.length);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private int question() {
        int i = next;
        next = i + 1 == where.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public ControlAnswer grid() {
        int i = question();
        return territory.controlAt(where[i], when[i], 0, EXCLUDED::contains);
    }

    /** With a report's precision of 1 km: every area meeting the disc (no baseline; for scale). */
    @Benchmark
    public ControlAnswer gridWithin1km() {
        int i = question();
        return territory.controlAt(where[i], when[i], 1_000, EXCLUDED::contains);
    }

    @Benchmark
    public ControlAnswer strtree() {
        int i = question();
        return baseline.controlAt(where[i], when[i], EXCLUDED::contains);
    }

    /**
     * The lookup {@link Territory} had before the grid, kept here as the baseline: an STRtree over
     * the areas' envelopes, one prepared geometry per area, the validity filter, then {@code covers};
     * with the grid's statuses, so both answer alike.
     */
    static final class StrTreeTerritory {
        private final STRtree index = new STRtree();

        private record Indexed(ControlArea area, PreparedGeometry prepared) {
        }

        StrTreeTerritory(List<ControlArea> areas) {
            for (ControlArea area : areas) {
                index.insert(area.geometry().getEnvelopeInternal(), new Indexed(area, PreparedGeometryFactory.prepare(area.geometry())));
            }
            index.build();
        }

        ControlAnswer controlAt(GeoPoint p, Instant at, Predicate<ActorId> excluded) {
            Point point = Geometries.point(p);
            @SuppressWarnings("unchecked")
            List<Indexed> candidates = index.query(point.getEnvelopeInternal());
            List<ControlArea> holding = candidates.stream()
                    .filter(c -> c.area().validity().contains(at))
                    .filter(c -> c.prepared().covers(point))
                    .map(Indexed::area)
                    .sorted(Comparator.comparing((ControlArea a) -> a.actor().value()).thenComparing(ControlArea::id))
                    .toList();
            Set<ActorId> actors = holding.stream().map(ControlArea::actor).collect(Collectors.toSet());
            boolean anyExcluded = actors.stream().anyMatch(excluded);
            boolean anyCovered = actors.stream().anyMatch(excluded.negate());
            ControlAnswer.Status status = switch (actors.size()) {
                case 0 -> ControlAnswer.Status.NONE;
                case 1 -> ControlAnswer.Status.SINGLE;
                default -> anyExcluded && anyCovered ? ControlAnswer.Status.MIXED : ControlAnswer.Status.CONTESTED;
            };
            return new ControlAnswer(status, holding);
        }
    }
}
