package org.truce.service.port;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.truce.domain.release.Releasability;

/**
 * How much of a record this store can show: the markings of its fields, and which sealed fields it
 * could not open (a mirror without the disclosure; a destroyed source). A withheld field is absent or
 * shows its public stand-in (a coarsened location).
 */
public record Visibility(Releasability markings, SortedSet<String> withheld) {
    public static final Visibility ALL_PUBLIC = new Visibility(Releasability.ALL_PUBLIC, new TreeSet<>());

    public Visibility {
        Objects.requireNonNull(markings, "markings");
        withheld = Collections.unmodifiableSortedSet(new TreeSet<>(withheld));
    }
}
