package org.truce.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.geo.Location;
import org.truce.domain.problem.Problems;
import org.truce.domain.report.ActorRef;
import org.truce.domain.report.EventType;
import org.truce.domain.report.Reliability;
import org.truce.domain.report.Report;
import org.truce.domain.report.ReportDraft;
import org.truce.domain.report.Source;
import org.truce.domain.time.Interval;

/**
 * The report JSON form (API body, log entry payload). A submitted body becomes a {@link ReportDraft}
 * (wire types checked here, meaning checked by the domain); a report becomes its payload; a payload
 * read back from the log becomes the same report.
 */
public final class ReportFormat {
    /** Fields a client may send; anything else is reported, so that a misspelt field is never silently dropped. */
    public static final Set<String> SUBMITTED_FIELDS = Set.of("occurred_from", "occurred_to", "location", "origin",
            "event_type", "sub_event_type", "perpetrator", "target", "involved", "fatalities", "source", "description",
            "external_id");
    private static final Set<String> PLACE_FIELDS = Set.of("lat", "lon", "precision_m");
    private static final Set<String> SOURCE_FIELDS = Set.of("name", "reliability", "credibility");

    private ReportFormat() {
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
        source.put("name", r.source().name());
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
                new Source(o.get("source").get("name").textValue(),
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
