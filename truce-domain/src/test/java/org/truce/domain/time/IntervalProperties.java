package org.truce.domain.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalProperties {
    private static Interval interval(long a, long b, boolean open) {
        long from = Math.min(a, b);
        long to = Math.max(a, b);
        return open ? Interval.from(Instant.ofEpochSecond(from)) : Interval.of(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
    }

    /** Overlap defined as "some instant lies in both", checked on the integer seconds where it can change. */
    private static boolean overlapsByDefinition(Interval x, Interval y) {
        Instant start = x.from().isAfter(y.from()) ? x.from() : y.from();
        return x.contains(start) && y.contains(start);
    }

    @Test
    void overlapAgreesWithTheDefinitionAndIsSymmetric() {
        qt().withExamples(2000).forAll(longs().between(0, 100), longs().between(0, 100), longs().between(0, 100), longs().between(0, 100))
                .checkAssert((a, b, c, d) -> {
                    for (boolean openX : new boolean[] {false, true}) {
                        for (boolean openY : new boolean[] {false, true}) {
                            Interval x = interval(a, b, openX);
                            Interval y = interval(c, d, openY);
                            assertThat(x.overlaps(y)).isEqualTo(y.overlaps(x)).isEqualTo(overlapsByDefinition(x, y));
                        }
                    }
                });
    }

    @Test
    void containsIsHalfOpen() {
        Interval i = Interval.of(Instant.parse("2016-02-26T22:00:00Z"), Instant.parse("2016-09-12T16:00:00Z"));
        assertThat(i.contains(Instant.parse("2016-02-26T22:00:00Z"))).isTrue();
        assertThat(i.contains(Instant.parse("2016-02-26T21:59:59.999Z"))).isFalse();
        assertThat(i.contains(Instant.parse("2016-09-12T16:00:00Z"))).isFalse();
        assertThat(Interval.from(i.from()).contains(Instant.parse("3016-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void enclosesMeansEveryInstantInside() {
        qt().withExamples(1000).forAll(longs().between(0, 50), longs().between(0, 50), longs().between(0, 50), longs().between(0, 50))
                .checkAssert((a, b, c, d) -> {
                    Interval x = interval(a, b, false);
                    Interval y = interval(c, d, false);
                    boolean byDefinition = y.isEmpty() ? !y.from().isBefore(x.from()) && !y.from().isAfter(x.to())
                            : x.contains(y.from()) && !y.to().isAfter(x.to());
                    assertThat(x.encloses(y)).isEqualTo(byDefinition);
                });
    }

    @Test
    void anIntervalCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> Interval.of(Instant.parse("2016-02-27T00:00:00Z"), Instant.parse("2016-02-26T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }
}
