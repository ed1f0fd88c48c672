package org.truce.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.geo.Location;
import org.truce.domain.problem.Problems;
import org.truce.domain.release.Marking;
import org.truce.domain.release.Releasability;
import org.truce.domain.report.ActorRef;
import org.truce.domain.report.EventType;
import org.truce.domain.report.Reliability;
import org.truce.domain.report.Report;
import org.truce.domain.report.ReportDraft;
import org.truce.domain.report.Source;
import org.truce.domain.time.Interval;
import org.truce.service.ledger.Sealing;
import org.truce.service.port.Visibility;

/**
 * The report JSON form (API body, log entry payload). A submitted body becomes a {@link ReportDraft}
 * (wire types checked here, meaning checked by the domain); a report becomes its payload; a payload
 * read back from the log becomes the same report.
 */
public final class ReportFormat {
    /** Fields a client may send; anything else is reported, so that a misspelt field is never silently dropped. */
    public static final Set<String> SUBMITTED_FIELDS = Set.of("occurred_from", "occurred_to", "location", "origin",
            "event_type", "sub_event_type", "perpetrator", "target", "involved", "fatalities", "source", "description",
            "external_id", "releasability");
    private static final Set<String> PLACE_FIELDS = Set.of("lat", "lon", "precision_m");
    private static final Set<String> SOURCE_FIELDS = Set.of("name", "reliability", "credibility");

    /** Coarsened public locations are rounded to this many degrees. */
    static final double COARSE_DEGREES = 0.1;
    /**
     * What a coarsened location's precision grows by: half the diagonal of a 0.1° cell at the
     * equator (where a degree of longitude is longest), rounded up, so the true point is always
     * inside the public circle.
     */
    static final int COARSE_EXTRA_METERS = 7_900;

    /**
     * The fields a submitter may mark (docs/formats.md, "Releasability"), what each covers, and the
     * public stand-in left in the log when it is sealed: a location rounded to 0.1°, a time widened to
     * whole UTC days; the other fields simply disappear from the public record.
     */
    public static final Map<String, Sealing.Field> SEALABLE = sealable();

    private static Map<String, Sealing.Field> sealable() {
        var fields = new LinkedHashMap<String, Sealing.Field>();
        fields.put("occurred", new Sealing.Field("occurred", List.of("occurred_from", "occurred_to"), ReportFormat::wholeDays));
        fields.put("location", new Sealing.Field("location", List.of("location"), ReportFormat::coarsened));
        for (String member : List.of("origin", "fatalities", "description", "external_id")) {
            fields.put(member, new Sealing.Field(member, List.of(member)));
        }
        for (String actor : List.of("perpetrator", "target")) {
            fields.put(actor, new Sealing.Field(actor, List.of(actor, actor + "_actor")));
        }
        fields.put("involved", new Sealing.Field("involved", List.of("involved", "involved_actors")));
        fields.put("source.name", new Sealing.Field("source.name", List.of("name")));
        return Collections.unmodifiableMap(fields);
    }

    private static ObjectNode wholeDays(ObjectNode value) {
        Instant from = OffsetDateTime.parse(value.get("occurred_from").textValue()).toInstant();
        Instant to = OffsetDateTime.parse(value.get("occurred_to").textValue()).toInstant();
        Instant dayFrom = from.truncatedTo(ChronoUnit.DAYS);
        Instant dayTo = to.truncatedTo(ChronoUnit.DAYS);
        if (dayTo.isBefore(to)) {
            dayTo = dayTo.plus(1, ChronoUnit.DAYS);
        }
        ObjectNode o = Json.object();
        o.put("occurred_from", local(dayFrom, ZoneOffset.UTC));
        o.put("occurred_to", local(dayTo, ZoneOffset.UTC));
        return o;
    }

    private static ObjectNode coarsened(ObjectNode value) {
        JsonNode p = value.get("location");
        ObjectNode o = Json.object();
        o.putObject("location")
                .put("lat", round(p.get("lat").doubleValue()))
                .put("lon", round(p.get("lon").doubleValue()))
                .put("precision_m", p.get("precision_m").intValue() + COARSE_EXTRA_METERS);
        return o;
    }

    private static double round(double degrees) {
        // BigDecimal keeps 36.2 as 36.2 rather than 36.2000000001
        return java.math.BigDecimal.valueOf(degrees).divide(java.math.BigDecimal.valueOf(COARSE_DEGREES))
                .setScale(0, java.math.RoundingMode.HALF_EVEN).multiply(java.math.BigDecimal.valueOf(COARSE_DEGREES)).doubleValue();
    }

    private ReportFormat() {
    }

    /**
     * Reads the body's {@code releasability} member: sealable field to marking. Each field must be one
     * of {@link #SEALABLE} and present in the body; a party marking must name a registered actor.
     */
    public static Releasability releasability(JsonNode body, java.util.function.Predicate<ActorId> registered, Problems problems) {
        JsonNode markings = body == null ? null : body.get("releasability");
        if (markings == null || markings.isNull()) {
            return Releasability.ALL_PUBLIC;
        }
        if (!markings.isObject()) {
            problems.add("releasability", "must be an object of field name to marking (" + Marking.FORMS + ")");
            return Releasability.ALL_PUBLIC;
        }
        var result = new TreeMap<String, Marking>();
        markings.fields().forEachRemaining(e -> {
            String path = "releasability." + e.getKey();
            if (!SEALABLE.containsKey(e.getKey())) {
                problems.add(path, "is not a field that can be marked; these can: " + SEALABLE.keySet());
                return;
            }
            Marking marking = e.getValue().isTextual() ? Marking.parse(e.getValue().textValue()).orElse(null) : null;
            if (marking == null) {
                problems.add(path, "must be one of " + Marking.FORMS + ", got " + e.getValue());
                return;
            }
            if (marking instanceof Marking.Party party && !registered.test(party.actor())) {
                problems.add(path, "names party '" + party.actor() + "', which is not a registered actor");
                return;
            }
            if (!present(body, e.getKey())) {
                problems.add(path, "marks a field the report does not have");
                return;
            }
            result.put(e.getKey(), marking);
        });
        return new Releasability(result);
    }

    /**
     * Adds the members that say how visible a report is, as the API shows them: {@code releasability}
     * (field to marking, when any field is not public) and {@code withheld} (sealed fields this
     * node cannot open, when there are any).
     */
    public static ObjectNode withVisibility(ObjectNode report, Visibility visibility) {
        if (!visibility.markings().allPublic()) {
            ObjectNode markings = report.putObject("releasability");
            visibility.markings().markings().forEach((field, marking) -> markings.put(field, marking.code()));
        }
        if (!visibility.withheld().isEmpty()) {
            ArrayNode withheld = report.putArray("withheld");
            visibility.withheld().forEach(withheld::add);
        }
        return report;
    }

    /** Reads what {@link #withVisibility} wrote. */
    public static Visibility visibilityOf(JsonNode report) {
        var markings = new TreeMap<String, Marking>();
        report.path("releasability").fields().forEachRemaining(e -> markings.put(e.getKey(),
                Marking.parse(e.getValue().textValue()).orElseThrow(() -> new IllegalStateException("unknown marking " + e.getValue()))));
        var withheld = new java.util.TreeSet<String>();
        report.path("withheld").forEach(field -> withheld.add(field.textValue()));
        return new Visibility(new Releasability(markings), withheld);
    }

    private static boolean present(JsonNode body, String field) {
        return switch (field) {
            case "occurred" -> body.hasNonNull("occurred_from");
            case "source.name" -> body.path("source").hasNonNull("name");
            default -> body.hasNonNull(field);
        };
    }

    public static ReportDraft draft(JsonNode body, Problems problems) {
        Fields f = Fields.root(body, "", problems);
        unknownFields(body, SUBMITTED_FIELDS, "", problems);
        return new ReportDraft(
                f.string("occurred_from"),
                f.string("occurred_to"),
                place(f, "location", true),
                place(f, "origin", false),
                f.string("event_type"),
                f.string("sub_event_type"),
                f.optString("perpetrator"),
                f.optString("target"),
                f.has("involved") ? f.strings("involved", false) : null,
                f.integer("fatalities", false),
                source(f),
                f.optString("description"),
                f.optString("external_id"));
    }

    private static ReportDraft.PlaceDraft place(Fields f, String field, boolean required) {
        Fields p = f.object(field, required);
        if (p == null) {
            return null;
        }
        unknownFields(f.raw(field), PLACE_FIELDS, f.path(field), f.problems());
        return new ReportDraft.PlaceDraft(p.number("lat", true), p.number("lon", true), p.number("precision_m", true));
    }

    private static ReportDraft.SourceDraft source(Fields f) {
        Fields s = f.object("source", true);
        if (s == null) {
            return null;
        }
        unknownFields(f.raw("source"), SOURCE_FIELDS, f.path("source"), f.problems());
        return new ReportDraft.SourceDraft(s.string("name"), s.string("reliability"), s.integer("credibility", true));
    }

    static void unknownFields(JsonNode node, Set<String> known, String prefix, Problems problems) {
        if (node == null || !node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(prefix.isEmpty() ? name : prefix + "." + name, "is not a known field; known: " + known.stream().sorted().toList());
            }
        });
    }

    /** The report as recorded in its log entry. */
    public static ObjectNode payload(Report r) {
        ObjectNode o = Json.object();
        o.put("id", r.id().toString());
        o.put("occurred_from", local(r.occurred().from(), r.localOffset()));
        o.put("occurred_to", local(r.occurred().to(), r.localOffset()));
        o.set("location", place(r.location()));
        if (r.origin() != null) {
            o.set("origin", place(r.origin()));
        }
        o.put("event_type", r.eventType().label());
        o.put("sub_event_type", r.subEventType());
        actor(o, "perpetrator", r.perpetrator());
        actor(o, "target", r.target());
        if (!r.involved().isEmpty()) {
            ArrayNode names = o.putArray("involved");
            ArrayNode ids = o.putArray("involved_actors");
            for (ActorRef ref : r.involved()) {
                names.add(ref.givenName());
                ids.add(ref.actor() == null ? null : ref.actor().value());
            }
        }
        if (r.fatalities() != null) {
            o.put("fatalities", r.fatalities());
        }
        ObjectNode source = o.putObject("source");
        if (r.source().name() != null) {
            source.put("name", r.source().name());
        }
        source.put("reliability", r.source().reliability().name());
        source.put("credibility", r.source().credibility());
        if (r.description() != null) {
            o.put("description", r.description());
        }
        if (r.externalId() != null) {
            o.put("external_id", r.externalId());
        }
        return o;
    }

    private static void actor(ObjectNode o, String field, ActorRef ref) {
        if (ref != null) {
            o.put(field, ref.givenName());
            o.put(field + "_actor", ref.actor() == null ? null : ref.actor().value());
        }
    }

    private static ObjectNode place(Location location) {
        ObjectNode o = Json.object();
        o.put("lat", location.point().lat());
        o.put("lon", location.point().lon());
        o.put("precision_m", location.precisionMeters());
        return o;
    }

    public static String local(Instant instant, ZoneOffset offset) {
        return OffsetDateTime.ofInstant(instant, offset).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** Reads a payload written by {@link #payload}. Entries are trusted to be well-formed; a broken one is a bug or tampering. */
    public static Report fromPayload(JsonNode o) {
        OffsetDateTime from = OffsetDateTime.parse(o.get("occurred_from").textValue());
        OffsetDateTime to = OffsetDateTime.parse(o.get("occurred_to").textValue());
        return new Report(UUID.fromString(o.get("id").textValue()),
                Interval.of(from.toInstant(), to.toInstant()), from.getOffset(),
                placeOf(o.get("location")), o.has("origin") ? placeOf(o.get("origin")) : null,
                EventType.ofLabel(o.get("event_type").textValue()).orElseThrow(),
                o.get("sub_event_type").textValue(),
                actorOf(o, "perpetrator"), actorOf(o, "target"), involvedOf(o),
                o.has("fatalities") ? o.get("fatalities").intValue() : null,
                new Source(o.get("source").path("name").textValue(),
                        Reliability.valueOf(o.get("source").get("reliability").textValue()),
                        o.get("source").get("credibility").intValue()),
                text(o, "description"), text(o, "external_id"));
    }

    private static Location placeOf(JsonNode p) {
        return new Location(new GeoPoint(p.get("lat").doubleValue(), p.get("lon").doubleValue()), p.get("precision_m").intValue());
    }

    private static ActorRef actorOf(JsonNode o, String field) {
        if (!o.has(field)) {
            return null;
        }
        JsonNode id = o.get(field + "_actor");
        return new ActorRef(o.get(field).textValue(), id == null || id.isNull() ? null : new ActorId(id.textValue()));
    }

    private static List<ActorRef> involvedOf(JsonNode o) {
        if (!o.has("involved")) {
            return List.of();
        }
        var refs = new java.util.ArrayList<ActorRef>();
        for (int i = 0; i < o.get("involved").size(); i++) {
            JsonNode id = o.get("involved_actors").get(i);
            refs.add(new ActorRef(o.get("involved").get(i).textValue(), id.isNull() ? null : new ActorId(id.textValue())));
        }
        return refs;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.textValue();
    }
}
