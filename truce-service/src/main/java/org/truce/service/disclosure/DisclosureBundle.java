package org.truce.service.disclosure;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.truce.domain.release.Audience;
import org.truce.domain.release.Marking;
import org.truce.log.sealed.Opening;
import org.truce.log.sealed.OpeningSource;

/**
 * The openings one audience may see, for the first {@code treeSize} entries of one log
 * (docs/formats.md, "Disclosure bundles"): with the public log, enough to check every disclosed
 * field against its commitment and to replay what that audience may know.
 */
public record DisclosureBundle(Audience audience, String origin, long treeSize, List<Item> items) {
    public DisclosureBundle {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(origin, "origin");
        items = List.copyOf(items);
    }

    /** One disclosed field: where it is, how it is marked, and its opening. */
    public record Item(long index, String field, Marking marking, Opening opening) {
        public Item {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(marking, "marking");
            Objects.requireNonNull(opening, "opening");
        }
    }

    /** The bundle's openings, looked up by commitment. */
    public OpeningSource openings() {
        Map<String, Opening> byCommitment = new HashMap<>();
        items.forEach(item -> byCommitment.put(item.opening().commitmentHex(), item.opening()));
        return commitment -> Optional.ofNullable(byCommitment.get(HexFormat.of().formatHex(commitment)));
    }
}
