package org.truce.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.Geometries;

/**
 * GeoJSON (RFC 7946) geometries in and out, with every problem named by its path. Read straight
 * from the parsed tree (not through a second parse of its text), so that a broken position is named
 * by its index and a bulk import does not parse every geometry twice.
 */
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
        GeometryReader reader = new GeometryReader(problems);
        Geometry geometry = reader.read(node, path);
        if (reader.failed()) {
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

    /**
     * The geometry as a GeoJSON object. Ordinates are rounded to {@value #DECIMALS} decimals (about
     * a millimetre), as the log has always stored them: a geometry read back from an entry writes
     * the same bytes again.
     */
    public static ObjectNode write(Geometry geometry) {
        ObjectNode o = Json.object();
        o.put("type", geometry.getGeometryType());
        switch (geometry) {
            case Point p -> {
                if (p.isEmpty()) {
                    o.putArray("coordinates");
                } else {
                    o.set("coordinates", position(p.getCoordinate()));
                }
            }
            case LineString l -> o.set("coordinates", positions(l.getCoordinates()));
            case Polygon p -> o.set("coordinates", rings(p));
            case GeometryCollection c when c.getClass() == GeometryCollection.class -> {
                ArrayNode members = o.putArray("geometries");
                for (int i = 0; i < c.getNumGeometries(); i++) {
                    members.add(write(c.getGeometryN(i)));
                }
            }
            case GeometryCollection multi -> {
                ArrayNode parts = o.putArray("coordinates");
                for (int i = 0; i < multi.getNumGeometries(); i++) {
                    Geometry part = multi.getGeometryN(i);
                    parts.add(switch (part) {
                        case Point p -> position(p.getCoordinate());
                        case LineString l -> positions(l.getCoordinates());
                        case Polygon p -> rings(p);
                        default -> throw new IllegalArgumentException("unexpected part " + part.getGeometryType());
                    });
                }
            }
            default -> throw new IllegalArgumentException("no GeoJSON form for " + geometry.getGeometryType());
        }
        return o;
    }

    /** Decimals kept in written ordinates. */
    public static final int DECIMALS = 8;
    private static final double SCALE = Math.pow(10, DECIMALS);

    private static ArrayNode rings(Polygon p) {
        ArrayNode rings = Json.array();
        if (p.isEmpty()) {
            return rings;
        }
        rings.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static ArrayNode positions(Coordinate[] coordinates) {
        ArrayNode list = Json.array();
        for (Coordinate c : coordinates) {
            list.add(position(c));
        }
        return list;
    }

    private static ArrayNode position(Coordinate c) {
        ArrayNode p = Json.array();
        p.add(ordinate(c.x)).add(ordinate(c.y));
        if (!Double.isNaN(c.getZ())) {
            p.add(ordinate(c.getZ()));
        }
        return p;
    }

    private static JsonNode ordinate(double value) {
        double rounded = round(value);
        if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
            return JsonNodeFactory.instance.numberNode((long) rounded);
        }
        return JsonNodeFactory.instance.numberNode(rounded);
    }

    /**
     * {@code value} rounded as JTS's GeoJsonWriter rounded the ordinates the log holds (half up, in
     * floating point, and only for magnitudes from 10^-3 below 10^7), so that the same geometry
     * always makes the same entry.
     */
    static double round(double value) {
        if (Math.abs(value) >= ROUNDED_FROM && value < ROUNDED_BELOW) {
            return Math.floor(value * SCALE + 0.5) / SCALE;
        }
        return value;
    }

    private static final double ROUNDED_FROM = Math.pow(10, -3);
    private static final double ROUNDED_BELOW = Math.pow(10, 7);

    /**
     * Builds a JTS geometry from a GeoJSON object, naming each broken position by its path
     * ({@code geometry.coordinates[0][12]}). A badly broken geometry could yield a problem per
     * position; after {@value #MAX_PROBLEMS} the rest are counted in one last problem.
     */
    private static final class GeometryReader {
        static final int MAX_PROBLEMS = 20;
        private final Problems problems;
        private final GeometryFactory factory = Geometries.FACTORY;
        private int found;
        private String firstPath;

        GeometryReader(Problems problems) {
            this.problems = problems;
        }

        boolean failed() {
            if (found > MAX_PROBLEMS) {
                problems.add(firstPath, "and " + (found - MAX_PROBLEMS) + " more problems in this geometry");
            }
            return found > 0;
        }

        private void problem(String path, String message) {
            if (found == 0) {
                firstPath = path;
            }
            if (found < MAX_PROBLEMS) {
                problems.add(path, message);
            }
            found++;
        }

        Geometry read(JsonNode node, String path) {
            String type = node.path("type").textValue();
            if ("GeometryCollection".equals(type)) {
                JsonNode members = node.get("geometries");
                if (members == null || !members.isArray()) {
                    problem(path + ".geometries", "must be an array of geometries");
                    return null;
                }
                Geometry[] parts = new Geometry[members.size()];
                for (int i = 0; i < members.size(); i++) {
                    JsonNode member = members.get(i);
                    String at = path + ".geometries[" + i + "]";
                    if (!member.isObject() || !member.path("type").isTextual() || !TYPES.contains(member.get("type").textValue())) {
                        problem(at, "must be a GeoJSON geometry object with a type among " + TYPES.stream().sorted().toList());
                        continue;
                    }
                    parts[i] = read(member, at);
                }
                return found > 0 ? null : factory.createGeometryCollection(parts);
            }
            JsonNode coordinates = node.get("coordinates");
            String at = path + ".coordinates";
            if (coordinates == null || !coordinates.isArray()) {
                problem(at, "must be an array (the " + type + "'s positions)");
                return null;
            }
            return switch (type) {
                case "Point" -> coordinates.isEmpty() ? factory.createPoint() : point(coordinates, at);
                case "MultiPoint" -> {
                    Point[] points = new Point[coordinates.size()];
                    for (int i = 0; i < points.length; i++) {
                        points[i] = point(coordinates.get(i), at + "[" + i + "]");
                    }
                    yield found > 0 ? null : factory.createMultiPoint(points);
                }
                case "LineString" -> line(coordinates, at);
                case "MultiLineString" -> {
                    LineString[] lines = new LineString[coordinates.size()];
                    for (int i = 0; i < lines.length; i++) {
                        lines[i] = line(coordinates.get(i), at + "[" + i + "]");
                    }
                    yield found > 0 ? null : factory.createMultiLineString(lines);
                }
                case "Polygon" -> polygon(coordinates, at);
                case "MultiPolygon" -> {
                    Polygon[] polygons = new Polygon[coordinates.size()];
                    for (int i = 0; i < polygons.length; i++) {
                        polygons[i] = polygon(coordinates.get(i), at + "[" + i + "]");
                    }
                    yield found > 0 ? null : factory.createMultiPolygon(polygons);
                }
                default -> throw new IllegalStateException("type checked by the caller: " + type);
            };
        }

        private Point point(JsonNode node, String at) {
            Coordinate c = position(node, at);
            return c == null ? null : factory.createPoint(c);
        }

        private LineString line(JsonNode node, String at) {
            Coordinate[] positions = positions(node, at);
            if (positions == null) {
                return null;
            }
            if (positions.length == 1) {
                problem(at, "a LineString needs at least 2 positions, got 1");
                return null;
            }
            return factory.createLineString(positions);
        }

        private Polygon polygon(JsonNode node, String at) {
            if (!node.isArray()) {
                problem(at, "must be an array of linear rings, got " + Fields.kind(node));
                return null;
            }
            if (node.isEmpty()) {
                return factory.createPolygon();
            }
            LinearRing[] rings = new LinearRing[node.size()];
            for (int i = 0; i < rings.length; i++) {
                rings[i] = ring(node.get(i), at + "[" + i + "]");
            }
            if (found > 0) {
                return null;
            }
            return factory.createPolygon(rings[0], java.util.Arrays.copyOfRange(rings, 1, rings.length));
        }

        private LinearRing ring(JsonNode node, String at) {
            Coordinate[] positions = positions(node, at);
            if (positions == null) {
                return null;
            }
            if (positions.length < 4) {
                problem(at, "a linear ring needs at least 4 positions (the last repeating the first), got " + positions.length);
                return null;
            }
            Coordinate first = positions[0];
            Coordinate last = positions[positions.length - 1];
            if (!first.equals2D(last)) {
                problem(at, "the ring is not closed: its last position [" + last.x + ", " + last.y
                        + "] must repeat its first [" + first.x + ", " + first.y + "]");
                return null;
            }
            return factory.createLinearRing(positions);
        }

        private Coordinate[] positions(JsonNode node, String at) {
            if (!node.isArray()) {
                problem(at, "must be an array of positions, got " + Fields.kind(node));
                return null;
            }
            Coordinate[] positions = new Coordinate[node.size()];
            boolean broken = false;
            for (int i = 0; i < positions.length; i++) {
                positions[i] = position(node.get(i), at + "[" + i + "]");
                broken |= positions[i] == null;
            }
            return broken ? null : positions;
        }

        /** A position [longitude, latitude] or [longitude, latitude, altitude]; further elements are ignored (RFC 7946 §3.1.1). */
        private Coordinate position(JsonNode node, String at) {
            if (!node.isArray() || node.size() < 2) {
                problem(at, "must be a position [longitude, latitude], got " + (node.isArray() ? "an array of " + node.size() : Fields.kind(node)));
                return null;
            }
            int dimension = Math.min(node.size(), 3);
            double[] ordinates = new double[dimension];
            for (int k = 0; k < dimension; k++) {
                JsonNode n = node.get(k);
                if (!n.isNumber()) {
                    problem(at + "[" + k + "]", "must be a number, got " + Fields.kind(n));
                    return null;
                }
                ordinates[k] = n.doubleValue();
                if (!Double.isFinite(ordinates[k])) {
                    problem(at + "[" + k + "]", "must be a finite number, got " + n.asText());
                    return null;
                }
            }
            double lon = ordinates[0];
            double lat = ordinates[1];
            if (!GeoPoint.isValidLongitude(lon) || !GeoPoint.isValidLatitude(lat)) {
                problem(at, rangeProblem(lon, lat));
                return null;
            }
            return dimension == 3 ? new Coordinate(lon, lat, ordinates[2]) : new Coordinate(lon, lat);
        }
    }

    /** What is wrong with a position outside the ranges, saying so when it reads as swapped. */
    public static String rangeProblem(double lon, double lat) {
        String problem = "position [" + lon + ", " + lat + "] is outside longitude [-180, 180] / latitude [-90, 90]";
        if (GeoPoint.isValidLongitude(lat) && GeoPoint.isValidLatitude(lon)) {
            return problem + "; latitude and longitude look swapped: positions are [longitude, latitude]";
        }
        return problem + " (positions are [longitude, latitude])";
    }
}
