package org.truce.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.Geometries;

/** GeoJSON (RFC 7946) geometries in and out, with every problem named by its path. */
public final class GeoJson {
    private static final Set<String> TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");

    private GeoJson() {
    }

    /** Reads and checks a geometry (structure, coordinate ranges, validity); null with problems when broken. */
    public static Geometry geometry(JsonNode node, String path, Problems problems) {
        if (node == null || node.isNull()) {
            problems.add(path, "is required (a GeoJSON geometry)");
            return null;
        }
        if (!node.isObject() || !node.path("type").isTextual() || !TYPES.contains(node.get("type").textValue())) {
            problems.add(path, "must be a GeoJSON geometry object with a type among " + TYPES.stream().sorted().toList());
            return null;
        }
        if (!node.has("coordinates") && !node.has("geometries")) {
            problems.add(path + ".coordinates", "is required");
            return null;
        }
        Geometry geometry;
        try {
            geometry = new GeoJsonReader(Geometries.FACTORY).read(Json.write(node));
        } catch (ParseException | RuntimeException e) {
            problems.add(path + ".coordinates", "are not valid " + node.get("type").textValue() + " coordinates: " + e.getMessage());
            return null;
        }
        geometry.setSRID(Geometries.WGS84);
        String problem = Geometries.problemWith(geometry);
        if (problem != null) {
            problems.add(path, problem);
            return null;
        }
        return geometry;
    }

    public static JsonNode write(Geometry geometry) {
        GeoJsonWriter writer = new GeoJsonWriter();
        writer.setEncodeCRS(false);
        return Json.parse(writer.write(geometry).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
