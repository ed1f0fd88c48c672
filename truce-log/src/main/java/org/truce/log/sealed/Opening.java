package org.truce.log.sealed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What opens one commitment of a log entry: a sealed field's value (canonical JSON bytes) and the
 * random salt it was committed with. The commitment is {@code SHA-256(salt || value)}, so an opening
 * authenticates itself: {@link #matches} is all a reader needs to trust it.
 *
 * <p>The log itself keeps only the commitment; openings are kept apart (an {@link OpeningStore}),
 * behind access control, and handed out in disclosure bundles.
 */
public record Opening(byte[] commitment, byte[] salt, byte[] value) {
    public static final int COMMITMENT_BYTES = 32;
    public static final int SALT_BYTES = 32;
    /** Same bound as an entry: a sealed value never outgrows the entry it was cut from. */
    public static final int MAX_VALUE_BYTES = 65_535;

    public Opening {
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(value, "value");
        if (commitment.length != COMMITMENT_BYTES) {
            throw new IllegalArgumentException("a commitment is " + COMMITMENT_BYTES + " bytes, got " + commitment.length);
        }
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("a salt is " + SALT_BYTES + " bytes, got " + salt.length);
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("a sealed value is at most " + MAX_VALUE_BYTES + " bytes, got " + value.length);
        }
    }

    /** Seals {@code value} with {@code salt}: the opening whose commitment is {@code SHA-256(salt || value)}. */
    public static Opening seal(byte[] salt, byte[] value) {
        return new Opening(commit(salt, value), salt, value);
    }

    /** {@code SHA-256(salt || value)}. */
    public static byte[] commit(byte[] salt, byte[] value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether salt and value hash to the commitment. */
    public boolean matches() {
        return MessageDigest.isEqual(commitment, commit(salt, value));
    }

    /**
     * Copies of {@code openings}, each checked to {@linkplain #matches match}, so that what a store
     * checks is what it writes, whatever the caller does with its arrays afterwards.
     *
     * @throws IllegalArgumentException if an opening does not match its commitment
     */
    public static java.util.List<Opening> checkedCopies(java.util.List<Opening> openings) {
        Objects.requireNonNull(openings, "openings");
        var copies = new java.util.ArrayList<Opening>(openings.size());
        for (Opening opening : openings) {
            Objects.requireNonNull(opening, "opening");
            Opening copy = new Opening(opening.commitment().clone(), opening.salt().clone(), opening.value().clone());
            if (!copy.matches()) {
                throw new IllegalArgumentException("the opening of " + copy.commitmentHex()
                        + " does not match it: SHA-256(salt || value) is another commitment");
            }
            copies.add(copy);
        }
        return copies;
    }

    public String commitmentHex() {
        return HexFormat.of().formatHex(commitment);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Opening other && Arrays.equals(commitment, other.commitment) && Arrays.equals(salt, other.salt)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(commitment);
    }

    @Override
    public String toString() {
        return "Opening[" + commitmentHex() + ", " + value.length + " bytes]";
    }
}
