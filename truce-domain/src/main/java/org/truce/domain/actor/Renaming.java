package org.truce.domain.actor;

import java.time.Instant;
import java.util.Objects;

/** The actor took a new name on a date; it stays the same actor (and keeps its designations). */
public record Renaming(String name, Instant on, String source) {
    public Renaming {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(on, "on");
    }
}
