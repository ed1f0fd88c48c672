package org.truce.service.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast way of writing numbers gives what the general one does. */
class Es6NumbersTest {
    @Test
    void theFastPathAgreesWithTheShortestDigitsEverywhere() {
        Random random = new Random(2016);
        for (int i = 0; i < 1_000_000; i++) {
            double v = switch (i % 5) {
                case 0 -> random.nextDouble() * 360 - 180;
                case 1 -> Math.pow(10, random.nextDouble() * 12 - 4) * (random.nextBoolean() ? 1 : -1);
                case 2 -> Math.rint((random.nextDouble() * 360 - 180) * 1e8) / 1e8;
                case 3 -> random.nextInt(20_000_000) / (double) (1 + random.nextInt(1000));
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (Double.isFinite(v)) {
                assertThat(Es6Numbers.format(v)).as("%s", v).isEqualTo(Es6Numbers.fromShortestDigits(v));
            }
        }
        for (double edge : new double[] {1e-3, -1e-3, Math.nextDown(1e-3), 1e7, Math.nextDown(1e7), 0.3, 2.0, 1234567.0, 9999999.999999998}) {
            assertThat(Es6Numbers.format(edge)).as("%s", edge).isEqualTo(Es6Numbers.fromShortestDigits(edge));
        }
    }
}
