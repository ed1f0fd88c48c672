package org.truce.domain.actor;

import java.time.Instant;
import java.util.Objects;

/**
 * An actor's listing on a designation list (for example the UN Security Council's ISIL (Da'esh) and
 * Al-Qaida sanctions list, {@code UNSC-1267}) over a time: agreements exclude designated actors.
 */
public record Designation(String list, Instant from, Instant to, String source) {
    public Designation {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("designation ends before it starts");
        }
    }

    public boolean activeAt(Instant at) {
        return !at.isBefore(from) && (to == null || at.isBefore(to));
    }
}
