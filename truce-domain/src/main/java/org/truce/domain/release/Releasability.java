package org.truce.domain.release;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The markings of one record's fields: field name (as the record's format names it, e.g.
 * {@code location} or {@code source.name}) to marking. A field not named is public.
 */
public record Releasability(Map<String, Marking> markings) {
    public static final Releasability ALL_PUBLIC = new Releasability(Map.of());

    public Releasability {
        Objects.requireNonNull(markings, "markings");
        TreeMap<String, Marking> sorted = new TreeMap<>();
        markings.forEach((field, marking) -> {
            Objects.requireNonNull(field, "field");
            if (!Objects.requireNonNull(marking, "marking").isPublic()) {
                sorted.put(field, marking);
            }
        });
        markings = Collections.unmodifiableMap(sorted);
    }

    public Marking of(String field) {
        return markings.getOrDefault(field, Marking.PUBLIC);
    }

    public boolean allPublic() {
        return markings.isEmpty();
    }
}
