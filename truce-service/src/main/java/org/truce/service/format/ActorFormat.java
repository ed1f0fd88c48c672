package org.truce.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.actor.ActorKind;
import org.truce.domain.actor.Affiliation;
import org.truce.domain.actor.Alias;
import org.truce.domain.actor.Designation;
import org.truce.domain.actor.Renaming;
import org.truce.domain.problem.Problems;

/**
 * The actor JSON form ({@code truce-actors/1}, see docs/formats.md). Dates without an offset are read
 * in the document's time zone; payloads in the log carry UTC instants.
 */
public final class ActorFormat {
    public static final String FORMAT = "truce-actors/1";

    private ActorFormat() {
    }

    static final Set<String> DOCUMENT_FIELDS = Set.of("format", "time_zone", "actors");
    static final Set<String> ACTOR_FIELDS = Set.of("id", "name", "kind", "acled_inter", "alignment", "aliases", "renamings",
            "designations", "affiliations", "sources");
    /** An actor sent alone (the API) may say in which zone its dates without offset are, as a document does. */
    static final Set<String> INPUT_FIELDS = union(ACTOR_FIELDS, Set.of("time_zone"));
    static final Set<String> ALIAS_FIELDS = Set.of("name", "lang", "valid_from", "valid_to");
    static final Set<String> RENAMING_FIELDS = Set.of("name", "on", "source");
    static final Set<String> DESIGNATION_FIELDS = Set.of("list", "from", "to", "source");
    static final Set<String> AFFILIATION_FIELDS = Set.of("actor", "relation", "from", "to", "source");

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * Reads one actor sent on its own (the API body): the actor form, plus an optional
     * {@code time_zone} for its dates without offset (UTC when absent). Unknown fields are refused.
     */
    public static Actor input(JsonNode body, Problems problems) {
        Fields root = Fields.root(body, "", problems);
        ReportFormat.unknownFields(body, INPUT_FIELDS, "", problems);
        ZoneId zone = Formats.zone(root, problems);
        // a bad time_zone is reported once; reading on in UTC reports the other problems too
        return actor(body, "", zone == null ? java.time.ZoneOffset.UTC : zone, problems, false);
    }

    /** Reads a {@code truce-actors/1} document. */
    public static List<Actor> document(JsonNode doc, Problems problems) {
        Fields root = Fields.root(doc, "", problems);
        ReportFormat.unknownFields(doc, DOCUMENT_FIELDS, "", problems);
        String format = root.string("format");
        if (format != null && !FORMAT.equals(format)) {
            problems.add("format", "must be '" + FORMAT + "', got '" + Fields.clip(format) + "'");
        }
        ZoneId read = Formats.zone(root, problems);
        ZoneId zone = read == null ? java.time.ZoneOffset.UTC : read;
        return root.list("actors", true, (node, at) -> actor(node, at, zone, problems));
    }

    /** Reads one actor of a document, refusing fields the form does not have. */
    public static Actor actor(JsonNode node, String at, ZoneId zone, Problems problems) {
        return actor(node, at, zone, problems, true);
    }

    private static Actor actor(JsonNode node, String at, ZoneId zone, Problems problems, boolean checkFields) {
        int before = problems.list().size();
        Fields f = Fields.root(node, at, problems);
        if (checkFields) {
            ReportFormat.unknownFields(node, ACTOR_FIELDS, at, problems);
        }
        String id = f.string("id");
        if (id != null && !ActorId.isValid(id)) {
            problems.add(f.path("id"), "must be a lowercase slug (a-z, 0-9, '-'), got '" + Fields.clip(id) + "'");
        }
        String name = f.string("name");
        ActorKind kind = Formats.enumValue(f, "kind", ActorKind.class, true);
        Long inter = f.integer("acled_inter", false);
        if (inter != null && (inter < 1 || inter > 8)) {
            problems.add(f.path("acled_inter"), "must be an ACLED inter code 1…8, got " + inter);
        }
        String alignment = f.optString("alignment");
        List<Alias> aliases = f.list("aliases", false, (n, p) -> alias(n, p, zone, problems));
        List<Renaming> renamings = f.list("renamings", false, (n, p) -> renaming(n, p, zone, problems));
        List<Designation> designations = f.list("designations", false, (n, p) -> designation(n, p, zone, problems));
        List<Affiliation> affiliations = f.list("affiliations", false, (n, p) -> affiliation(n, p, zone, problems));
        List<String> sources = f.strings("sources", false);
        if (problems.list().size() > before) {
            return null;
        }
        return new Actor(new ActorId(id), name, kind, inter == null ? null : inter.intValue(), alignment,
                aliases, renamings, designations, affiliations, sources);
    }

    private static Alias alias(JsonNode node, String at, ZoneId zone, Problems problems) {
        Fields f = Fields.root(node, at, problems);
        ReportFormat.unknownFields(node, ALIAS_FIELDS, at, problems);
        String name = f.string("name");
        String lang = f.string("lang");
        Instant from = f.localInstant("valid_from", false, zone);
        Instant to = f.localInstant("valid_to", false, zone);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(f.path("valid_to"), "must not be before valid_from");
            return null;
        }
        if (name == null || lang == null || name.isBlank()) {
            problems.check(name == null || !name.isBlank(), f.path("name"), "must not be blank");
            return null;
        }
        return new Alias(name, lang, from, to);
    }

    private static Renaming renaming(JsonNode node, String at, ZoneId zone, Problems problems) {
        Fields f = Fields.root(node, at, problems);
        ReportFormat.unknownFields(node, RENAMING_FIELDS, at, problems);
        String name = f.string("name");
        Instant on = f.localInstant("on", true, zone);
        String source = f.optString("source");
        return name == null || on == null ? null : new Renaming(name, on, source);
    }

    private static Designation designation(JsonNode node, String at, ZoneId zone, Problems problems) {
        Fields f = Fields.root(node, at, problems);
        ReportFormat.unknownFields(node, DESIGNATION_FIELDS, at, problems);
        String list = f.string("list");
        Instant from = f.localInstant("from", true, zone);
        Instant to = f.localInstant("to", false, zone);
        String source = f.optString("source");
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(f.path("to"), "must not be before from");
            return null;
        }
        return list == null || from == null ? null : new Designation(list, from, to, source);
    }

    private static Affiliation affiliation(JsonNode node, String at, ZoneId zone, Problems problems) {
        Fields f = Fields.root(node, at, problems);
        ReportFormat.unknownFields(node, AFFILIATION_FIELDS, at, problems);
        String actor = f.string("actor");
        if (actor != null && !ActorId.isValid(actor)) {
            problems.add(f.path("actor"), "must be an actor id, got '" + Fields.clip(actor) + "'");
            actor = null;
        }
        String relationText = f.string("relation");
        Affiliation.Relation relation = null;
        if (relationText != null) {
            try {
                relation = Affiliation.Relation.valueOf(relationText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(f.path("relation"), "must be one of member_of, part_of, backed_by, allied_with; got '" + Fields.clip(relationText) + "'");
            }
        }
        Instant from = f.localInstant("from", false, zone);
        Instant to = f.localInstant("to", false, zone);
        String source = f.optString("source");
        return actor == null || relation == null ? null : new Affiliation(new ActorId(actor), relation, from, to, source);
    }

    /** The actor as recorded in its log entry (instants in UTC). */
    public static ObjectNode payload(Actor a) {
        ObjectNode o = Json.object();
        o.put("id", a.id().value());
        o.put("name", a.name());
        o.put("kind", a.kind().name());
        if (a.acledInter() != null) {
            o.put("acled_inter", a.acledInter());
        }
        if (a.alignment() != null) {
            o.put("alignment", a.alignment());
        }
        ArrayNode aliases = o.putArray("aliases");
        for (Alias alias : a.aliases()) {
            ObjectNode n = aliases.addObject().put("name", alias.name()).put("lang", alias.lang());
            Formats.putInstant(n, "valid_from", alias.validFrom());
            Formats.putInstant(n, "valid_to", alias.validTo());
        }
        ArrayNode renamings = o.putArray("renamings");
        a.renamings().forEach(r -> Formats.putInstant(renamings.addObject().put("name", r.name()), "on", r.on()).put("source", r.source()));
        ArrayNode designations = o.putArray("designations");
        for (Designation d : a.designations()) {
            ObjectNode n = designations.addObject().put("list", d.list());
            Formats.putInstant(n, "from", d.from());
            Formats.putInstant(n, "to", d.to());
            n.put("source", d.source());
        }
        ArrayNode affiliations = o.putArray("affiliations");
        for (Affiliation af : a.affiliations()) {
            ObjectNode n = affiliations.addObject().put("actor", af.actor().value())
                    .put("relation", af.relation().name().toLowerCase(Locale.ROOT));
            Formats.putInstant(n, "from", af.from());
            Formats.putInstant(n, "to", af.to());
            n.put("source", af.source());
        }
        ArrayNode sources = o.putArray("sources");
        a.sources().forEach(sources::add);
        return o;
    }

    /** Reads a payload written by {@link #payload}; instants there carry their offset, so no zone is needed. */
    public static Actor fromPayload(JsonNode payload) {
        Problems problems = new Problems();
        Actor actor = actor(payload, "payload", java.time.ZoneOffset.UTC, problems, false);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("actor entry does not parse: " + problems.list());
        }
        return actor;
    }
}
