package org.truce.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.truce.domain.actor.ActorId;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.Confidence;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.LineKind;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.domain.time.Interval;

/**
 * GeoJSON FeatureCollections of control areas, named lines and zones (docs/formats.md). Each feature
 * is read on its own; problems name the feature index ({@code features[3].properties.valid_to}).
 * Dates without an offset are read in the collection's {@code time_zone} (default UTC).
 */
public final class TerritoryFormat {
    private TerritoryFormat() {
    }

    /** The features of a FeatureCollection, with its zone; problems if it is not one. */
    public record Collection(List<JsonNode> features, ZoneId zone) {
    }

    public static Collection collection(JsonNode doc, Problems problems) {
        Fields root = Fields.root(doc, "", problems);
        String type = root.string("type");
        if (type != null && !type.equals("FeatureCollection")) {
            problems.add("type", "must be 'FeatureCollection', got '" + Fields.clip(type) + "'");
        }
        ZoneId zone = Formats.zone(root, problems);
        List<JsonNode> features = root.list("features", true, (node, at) -> node);
        return new Collection(features, zone == null ? ZoneOffset.UTC : zone);
    }

    public static ControlArea area(JsonNode feature, String at, ZoneId zone, Problems problems) {
        Geometry geometry = GeoJson.geometry(feature.get("geometry"), at + ".geometry", problems);
        return area(feature, geometry, at, zone, problems);
    }

    /**
     * An area whose geometry was read apart (KML has its own geometry syntax); {@code geometry} is
     * null when it was broken, its problems already reported.
     */
    public static ControlArea area(JsonNode feature, Geometry geometry, String at, ZoneId zone, Problems problems) {
        int before = problems.list().size();
        Fields props = properties(feature, at, problems);
        if (geometry != null && !(geometry instanceof Polygonal)) {
            problems.add(at + ".geometry.type", "must be Polygon or MultiPolygon for an area of control, got " + geometry.getGeometryType());
        }
        if (props == null) {
            return null;
        }
        String id = props.string("id");
        String actor = props.string("actor");
        if (actor != null && !ActorId.isValid(actor)) {
            problems.add(props.path("actor"), "must be an actor id (lowercase slug), got '" + Fields.clip(actor) + "'");
        }
        Interval validity = validity(props, zone, problems);
        String source = props.string("source");
        Confidence confidence = Formats.enumValue(props, "confidence", Confidence.class, false);
        Boolean approximate = props.bool("approximate", false);
        String note = props.optString("note");
        if (geometry == null || problems.list().size() > before) {
            return null;
        }
        return new ControlArea(id, new ActorId(actor), geometry, validity, source,
                confidence == null ? Confidence.MEDIUM : confidence, approximate != null && approximate, note);
    }

    private static Interval validity(Fields props, ZoneId zone, Problems problems) {
        Instant from = props.localInstant("valid_from", true, zone);
        Instant to = props.localInstant("valid_to", false, zone);
        if (from != null && to != null && !to.isAfter(from)) {
            problems.add(props.path("valid_to"), "must be after valid_from");
            return null;
        }
        return from == null ? null : Interval.of(from, to);
    }

    private static Fields properties(JsonNode feature, String at, Problems problems) {
        Fields f = Fields.root(feature, at, problems);
        String type = f.string("type");
        if (type != null && !type.equals("Feature")) {
            problems.add(f.path("type"), "must be 'Feature', got '" + Fields.clip(type) + "'");
        }
        return f.object("properties", true);
    }

    public static ObjectNode areaFeature(ControlArea a) {
        ObjectNode feature = Json.object().put("type", "Feature");
        ObjectNode p = feature.putObject("properties");
        p.put("id", a.id());
        p.put("actor", a.actor().value());
        p.put("valid_from", a.validity().from().toString());
        p.put("valid_to", a.validity().to() == null ? null : a.validity().to().toString());
        p.put("source", a.source());
        p.put("confidence", a.confidence().name().toLowerCase(java.util.Locale.ROOT));
        p.put("approximate", a.approximate());
        if (a.note() != null) {
            p.put("note", a.note());
        }
        feature.set("geometry", GeoJson.write(a.geometry()));
        return feature;
    }

    public static NamedLine line(JsonNode feature, String at, Problems problems) {
        int before = problems.list().size();
        Fields props = properties(feature, at, problems);
        Geometry geometry = GeoJson.geometry(feature.get("geometry"), at + ".geometry", problems);
        if (geometry != null && !(geometry instanceof Lineal)) {
            problems.add(at + ".geometry.type", "must be LineString or MultiLineString for a line, got " + geometry.getGeometryType());
        }
        if (props == null) {
            return null;
        }
        String id = props.string("id");
        String name = props.string("name");
        LineKind kind = Formats.enumValue(props, "kind", LineKind.class, true);
        Double buffer = props.number("buffer_m", false);
        if (buffer != null && buffer < 0) {
            problems.add(props.path("buffer_m"), "must not be negative");
        }
        String source = props.optString("source");
        Boolean approximate = props.bool("approximate", false);
        if (problems.list().size() > before) {
            return null;
        }
        return new NamedLine(id, name, kind, geometry, buffer, source, approximate != null && approximate);
    }

    public static ObjectNode lineFeature(NamedLine l) {
        ObjectNode feature = Json.object().put("type", "Feature");
        ObjectNode p = feature.putObject("properties");
        p.put("id", l.id()).put("name", l.name()).put("kind", l.kind().name());
        p.put("buffer_m", l.bufferMeters());
        p.put("source", l.source()).put("approximate", l.approximate());
        feature.set("geometry", GeoJson.write(l.geometry()));
        return feature;
    }

    public static Zone zone(JsonNode feature, String at, Problems problems) {
        int before = problems.list().size();
        Fields props = properties(feature, at, problems);
        Geometry geometry = GeoJson.geometry(feature.get("geometry"), at + ".geometry", problems);
        if (geometry != null && !(geometry instanceof Polygonal)) {
            problems.add(at + ".geometry.type", "must be Polygon or MultiPolygon for a zone, got " + geometry.getGeometryType());
        }
        if (props == null) {
            return null;
        }
        String id = props.string("id");
        String name = props.string("name");
        String kind = props.string("kind");
        String source = props.optString("source");
        if (problems.list().size() > before) {
            return null;
        }
        return new Zone(id, name, kind, geometry, source);
    }

    public static ObjectNode zoneFeature(Zone z) {
        ObjectNode feature = Json.object().put("type", "Feature");
        ObjectNode p = feature.putObject("properties");
        p.put("id", z.id()).put("name", z.name()).put("kind", z.kind()).put("source", z.source());
        feature.set("geometry", GeoJson.write(z.geometry()));
        return feature;
    }
}
