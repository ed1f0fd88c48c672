package org.truce.service.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.truce.domain.release.Marking;
import org.truce.domain.release.Releasability;
import org.truce.log.sealed.Opening;
import org.truce.log.sealed.OpeningSource;
import org.truce.service.format.Json;

/**
 * Cuts the non-public fields out of a payload before it is recorded, and puts them back on replay
 * (docs/spec/entry.md, "Sealed fields").
 *
 * <p>A sealable field is named by a key such as {@code location} or {@code source.name}: the last
 * segment's parent path ({@code source}) is the object that holds its members, and the field covers
 * one or more members of that object ({@code perpetrator} covers {@code perpetrator} and
 * {@code perpetrator_actor}). Sealing moves the covered members into a value object, commits to it
 * with {@code SHA-256(salt || canonical value)} and leaves in the payload only the field's public
 * stand-in members, if it has any (a coarsened location). Opening writes the value's members back
 * over the stand-ins, so that sealing then opening every field gives the original payload, byte
 * for byte; a field that cannot be opened keeps its stand-in and is reported as withheld.
 */
public final class Sealing {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Sealing() {
    }

    /**
     * A field that may be sealed: its key, the members it covers, and how to compute its public
     * stand-in from its value (members that replace it in the public payload; each must be one of
     * the value's members). {@code standIn} returns an empty object when the field simply disappears.
     */
    public record Field(String key, List<String> members, UnaryOperator<ObjectNode> standIn) {
        public Field(String key, List<String> members) {
            this(key, members, value -> Json.object());
        }

        /** The members' parent object, as path segments from the payload root. */
        List<String> parent() {
            String[] segments = key.split("\\.");
            return List.of(segments).subList(0, segments.length - 1);
        }
    }

    /** A payload ready to record: its public form, the seals of its sealed fields, and their openings. */
    public record Sealed(ObjectNode payload, Map<String, Entry.Seal> seals, List<Opening> openings) {
        public static Sealed allPublic(JsonNode payload) {
            return new Sealed((ObjectNode) payload, Map.of(), List.of());
        }
    }

    /**
     * Seals the fields {@code releasability} marks, which must all be among {@code fields} and present
     * in {@code payload} (formats check that, with problems naming the field, before a payload gets here).
     */
    public static Sealed seal(ObjectNode payload, Releasability releasability, Map<String, Field> fields) {
        if (releasability.allPublic()) {
            return Sealed.allPublic(payload);
        }
        ObjectNode open = payload.deepCopy();
        var seals = new TreeMap<String, Entry.Seal>();
        var openings = new ArrayList<Opening>();
        releasability.markings().forEach((key, marking) -> {
            Field field = fields.get(key);
            if (field == null) {
                throw new IllegalArgumentException("'" + key + "' is not a sealable field; sealable: " + fields.keySet());
            }
            ObjectNode parent = parent(open, field.parent(), key);
            ObjectNode value = Json.object();
            for (String member : field.members()) {
                JsonNode v = parent.remove(member);
                if (v != null) {
                    value.set(member, v);
                }
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("'" + key + "' is marked but the payload does not have it");
            }
            ObjectNode standIn = field.standIn().apply(value.deepCopy());
            standIn.fieldNames().forEachRemaining(member -> {
                if (!value.has(member)) {
                    throw new IllegalStateException("the stand-in of '" + key + "' sets '" + member + "', which its value does not have");
                }
            });
            parent.setAll(standIn);
            byte[] salt = new byte[Opening.SALT_BYTES];
            RANDOM.nextBytes(salt);
            Opening opening = Opening.seal(salt, Json.canonical(value));
            openings.add(opening);
            seals.put(key, new Entry.Seal(marking, opening.commitmentHex()));
        });
        return new Sealed(open, seals, openings);
    }

    /** A payload with every field that could be opened put back, and the keys of those that could not. */
    public record Opened(ObjectNode payload, SortedSet<String> withheld) {
    }

    /**
     * Opens every sealed field of {@code entry} that {@code openings} can open.
     *
     * @throws IllegalStateException if an opening does not match its commitment, or the entry is malformed
     */
    public static Opened open(Entry entry, OpeningSource openings) {
        var withheld = new TreeSet<String>();
        if (entry.sealed().isEmpty()) {
            return new Opened((ObjectNode) entry.payload(), withheld);
        }
        ObjectNode payload = entry.payload().deepCopy();
        entry.sealed().forEach((key, seal) -> {
            byte[] commitment = HEX.parseHex(seal.sha256());
            Optional<Opening> opening;
            try {
                opening = openings.find(commitment);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the opening of sealed field '" + key + "' cannot be read: " + e.getMessage(), e);
            }
            if (opening.isEmpty()) {
                withheld.add(key);
                return;
            }
            if (!opening.get().matches() || !java.util.Arrays.equals(opening.get().commitment(), commitment)) {
                throw new IllegalStateException("the opening of sealed field '" + key + "' does not match its commitment " + seal.sha256());
            }
            JsonNode value = Json.parse(opening.get().value());
            if (!value.isObject() || value.isEmpty()) {
                throw new IllegalStateException("the opening of sealed field '" + key + "' is not an object of members");
            }
            parent(payload, new Field(key, List.of()).parent(), key).setAll((ObjectNode) value);
        });
        return new Opened(payload, withheld);
    }

    /** The markings of an entry's sealed fields. */
    public static Releasability releasability(Entry entry) {
        var markings = new TreeMap<String, Marking>();
        entry.sealed().forEach((key, seal) -> markings.put(key, seal.marking()));
        return new Releasability(markings);
    }

    private static ObjectNode parent(ObjectNode root, List<String> path, String key) {
        ObjectNode node = root;
        for (String segment : path) {
            JsonNode child = node.get(segment);
            if (child == null || !child.isObject()) {
                throw new IllegalStateException("sealed field '" + key + "' has no parent object '" + segment + "' in the payload");
            }
            node = (ObjectNode) child;
        }
        return node;
    }
}
