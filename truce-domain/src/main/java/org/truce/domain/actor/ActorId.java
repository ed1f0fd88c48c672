package org.truce.domain.actor;

import java.util.Objects;
import java.util.regex.Pattern;

/** A stable identifier of an actor: a lowercase slug such as {@code jabhat-al-nusra}. */
public record ActorId(String value) implements Comparable<ActorId> {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?");

    public ActorId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("actor id must be a lowercase slug (a-z, 0-9, '-'), got '" + value + "'");
        }
    }

    public static boolean isValid(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    @Override
    public int compareTo(ActorId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
