package org.truce.service.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a double as ECMAScript's {@code Number.prototype.toString} does, which RFC 8785 (JSON
 * canonicalization) prescribes: the shortest digits that read back as the same double, without a
 * fraction for integers below 10^21, in exponent form ({@code 1e+21}, {@code 1e-7}) outside
 * [10^-6, 10^21). Java's own {@code Double.toString} finds the same shortest digits (JDK 19 and
 * later) but places them differently ({@code 3500.0}, {@code 1.0E-7}).
 */
public final class Es6Numbers {
    private Es6Numbers() {
    }

    /**
     * The fewest significant digits that read back as {@code value}. Java always writes at least two
     * (d.d), and picks the closer of two two-digit candidates where one digit would do (4.9e-324 for
     * the smallest double, whose shortest form is 5e-324), so a one-digit candidate is tried.
     */
    static BigDecimal shortest(double value) {
        BigDecimal fromJava = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (fromJava.precision() == 2) {
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal one = fromJava.round(new MathContext(1, mode));
                if (one.doubleValue() == value) {
                    return one.stripTrailingZeros();
                }
            }
        }
        return fromJava;
    }

    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        if (value == 0) {
            return "0"; // also -0, as ECMAScript writes it
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            // Java writes these without an exponent and with the same shortest digits (a one-digit
            // form cannot lose to a two-digit one away from the subnormals): only a bare ".0" differs
            String java = Double.toString(value);
            return java.endsWith(".0") ? java.substring(0, java.length() - 2) : java;
        }
        return fromShortestDigits(value);
    }

    /** The general form, from the shortest digits; {@link #format} takes a faster way where it gives the same. */
    static String fromShortestDigits(double value) {
        if (value == 0) {
            return "0";
        }
        String sign = value < 0 ? "-" : "";
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // the value is 0.digits × 10^n
        if (k <= n && n <= 21) {
            return sign + digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return sign + digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return sign + "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }
}
