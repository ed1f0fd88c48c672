package org.truce.service.disclosure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.truce.domain.release.Audience;
import org.truce.log.sealed.Opening;
import org.truce.log.sealed.OpeningSource;
import org.truce.service.ledger.Entry;
import org.truce.service.ledger.EntryCodec;

/**
 * Making disclosure bundles from a node's openings, and checking a bundle against a log. Entries are
 * read through {@code entries} (index to encoded entry) for indexes below {@code size}.
 */
public final class Disclosures {
    private static final HexFormat HEX = HexFormat.of();

    private Disclosures() {
    }

    /**
     * The bundle for {@code audience}: every sealed field of the first {@code size} entries that the
     * audience may read and {@code openings} can open (a destroyed source is left out).
     */
    public static DisclosureBundle bundle(Audience audience, String origin, long size, LongFunction<byte[]> entries, OpeningSource openings) {
        var items = new ArrayList<DisclosureBundle.Item>();
        for (long i = 0; i < size; i++) {
            Entry entry = EntryCodec.decode(entries.apply(i));
            long index = i;
            entry.sealed().forEach((field, seal) -> {
                if (audience.mayRead(seal.marking(), entry.principal())) {
                    openings.find(HEX.parseHex(seal.sha256()))
                            .ifPresent(opening -> items.add(new DisclosureBundle.Item(index, field, seal.marking(), opening)));
                }
            });
        }
        return new DisclosureBundle(audience, origin, size, items);
    }

    /**
     * The openings of {@code openings} that {@code audience} may read in the first {@code size}
     * entries: what a replay for that audience may open.
     */
    public static OpeningSource visibleTo(Audience audience, long size, LongFunction<byte[]> entries, OpeningSource openings) {
        Set<String> visible = new HashSet<>();
        for (long i = 0; i < size; i++) {
            Entry entry = EntryCodec.decode(entries.apply(i));
            entry.sealed().values().forEach(seal -> {
                if (audience.mayRead(seal.marking(), entry.principal())) {
                    visible.add(seal.sha256());
                }
            });
        }
        return commitment -> visible.contains(HEX.formatHex(commitment)) ? openings.find(commitment) : Optional.empty();
    }

    /**
     * Checks every item of {@code bundle} against the log: the entry exists, has the field sealed with
     * the same marking and commitment, the audience may read that marking, and the opening matches.
     * Returns null when all hold, else the first failure, naming the entry index and field.
     */
    public static String check(DisclosureBundle bundle, String origin, long size, LongFunction<byte[]> entries) {
        if (!bundle.origin().equals(origin)) {
            return "the bundle is for the log '" + bundle.origin() + "', not '" + origin + "'";
        }
        if (bundle.treeSize() > size) {
            return "the bundle covers " + bundle.treeSize() + " entries but the log holds " + size;
        }
        for (DisclosureBundle.Item item : bundle.items()) {
            String at = "entry " + item.index() + ", field '" + item.field() + "': ";
            if (item.index() < 0 || item.index() >= bundle.treeSize()) {
                return at + "outside the " + bundle.treeSize() + " entries the bundle covers";
            }
            Entry entry = EntryCodec.decode(entries.apply(item.index()));
            Entry.Seal seal = entry.sealed().get(item.field());
            if (seal == null) {
                return at + "the entry has no such sealed field";
            }
            if (!seal.marking().equals(item.marking())) {
                return at + "the entry marks it " + seal.marking().code() + ", the bundle " + item.marking().code();
            }
            if (!bundle.audience().mayRead(seal.marking(), entry.principal())) {
                return at + "marked " + seal.marking().code() + ", which " + bundle.audience().code() + " may not read";
            }
            if (!seal.sha256().equals(item.opening().commitmentHex())) {
                return at + "the entry commits to " + seal.sha256() + ", the bundle opens " + item.opening().commitmentHex();
            }
            if (!item.opening().matches()) {
                return at + "the disclosed value and salt do not hash to the commitment " + seal.sha256();
            }
        }
        return null;
    }

    /** Every opening of the bundle, e.g. to store in a mirror. */
    public static java.util.List<Opening> openings(DisclosureBundle bundle) {
        return bundle.items().stream().map(DisclosureBundle.Item::opening).toList();
    }
}
