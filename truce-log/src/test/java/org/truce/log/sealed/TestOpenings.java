package org.truce.log.sealed;

import java.util.Random;

/** Openings made from a seed, so that a test can make the same one again. */
public final class TestOpenings {
    private TestOpenings() {}

    /** A random salt and a value of {@code valueBytes} random bytes, sealed. */
    public static Opening random(Random random, int valueBytes) {
        byte[] salt = new byte[Opening.SALT_BYTES];
        byte[] value = new byte[valueBytes];
        random.nextBytes(salt);
        random.nextBytes(value);
        return Opening.seal(salt, value);
    }

    /** Opening number {@code n}: the same salt and value (of 0 to 499 bytes) every time. */
    public static Opening numbered(long n) {
        Random random = new Random(n * 0x9E3779B97F4A7C15L);
        return random(random, (int) Math.floorMod(n * 2_654_435_761L, 500L));
    }

    /** An opening that claims {@code of}'s commitment with another value: it does not match. */
    public static Opening forged(Opening of) {
        byte[] value = of.value().length == 0 ? new byte[] {1} : of.value().clone();
        value[0] ^= 1;
        return new Opening(of.commitment(), of.salt(), value);
    }
}
