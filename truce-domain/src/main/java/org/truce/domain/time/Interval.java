package org.truce.domain.time;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open interval of instants {@code [from, to)}; {@code to == null} means open-ended
 * ("still holds"). Valid time of areas, agreements and events is always an Interval.
 */
public record Interval(Instant from, Instant to) {
    public Interval {
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("interval ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public static Interval from(Instant from) {
        return new Interval(from, null);
    }

    public static Interval of(Instant from, Instant to) {
        return new Interval(from, to);
    }

    public Optional<Instant> end() {
        return Optional.ofNullable(to);
    }

    public boolean isOpenEnded() {
        return to == null;
    }

    /** True if {@code instant} lies in {@code [from, to)}. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && (to == null || instant.isBefore(to));
    }

    /** True if the two intervals share at least one instant. An empty interval ({@code from == to}) overlaps nothing. */
    public boolean overlaps(Interval other) {
        if (isEmpty() || other.isEmpty()) {
            return false;
        }
        boolean startsBeforeOtherEnds = other.to == null || from.isBefore(other.to);
        boolean otherStartsBeforeThisEnds = to == null || other.from.isBefore(to);
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    /** True if every instant of {@code other} lies in this interval. */
    public boolean encloses(Interval other) {
        if (other.from.isBefore(from)) {
            return false;
        }
        if (to == null) {
            return true;
        }
        return other.to != null && !other.to.isAfter(to);
    }

    public boolean isEmpty() {
        return to != null && to.equals(from);
    }

    @Override
    public String toString() {
        return "[" + from + ", " + (to == null ? "open" : to) + ")";
    }
}
