package org.truce.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.Geometries;

/**
 * KML 2.2 (OGC 07-147r2) documents of areas of control, in and out (docs/formats.md, "Areas of
 * control in KML"). Each Placemark is one area: its Polygon or MultiGeometry of Polygons is the
 * geometry, its ExtendedData the properties of the GeoJSON format, and a TimeSpan may give the
 * validity. Problems use the GeoJSON paths ({@code features[3].properties.valid_to}, where
 * {@code features[3]} is the fourth Placemark in document order), so that both formats report alike.
 *
 * <p>Reading is defensive: a DTD is refused outright (so no entity expansion and no external entity
 * or DTD is ever fetched), nesting is limited, and the caller limits the size.
 */
public final class Kml {
    public static final String MEDIA_TYPE = "application/vnd.google-earth.kml+xml";
    public static final String NAMESPACE = "http://www.opengis.net/kml/2.2";
    /** Deepest element nesting accepted: real KML (kml, Document, Folders, Placemark, MultiGeometry, Polygon, boundary, ring) needs about ten. */
    public static final int MAX_DEPTH = 64;
    /** The namespaces KML has been written in: 2.2, Google's earlier ones, and none (hand-written files). */
    private static final Set<String> NAMESPACES = Set.of(NAMESPACE, "http://earth.google.com/kml/2.0",
            "http://earth.google.com/kml/2.1", "http://earth.google.com/kml/2.2", "");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final Pattern AROUND_COMMAS = Pattern.compile("\\s*,\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NC_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");
    private static final int MAX_GEOMETRY_PROBLEMS = 20;

    private Kml() {
    }

    /** One Placemark read: its feature (type and properties, as GeoJSON has them) and its geometry, null when broken. */
    public record Placemark(JsonNode feature, Geometry geometry, int line) {
    }

    /** The Placemarks of a document, and the zone its dates without offset are read in. */
    public record Document(List<Placemark> placemarks, ZoneId zone) {
    }

    /**
     * Reads the Placemarks of a KML document. Problems with the content are added to
     * {@code problems}; a document that is not well-formed, declares a DTD or nests too deep raises
     * {@link MalformedXmlException}.
     */
    public static Document read(byte[] kml, Problems problems) {
        try {
            XMLStreamReader xml = inputFactory().createXMLStreamReader(new ByteArrayInputStream(kml));
            try {
                return new Reader(xml, problems).document();
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            throw new MalformedXmlException(message(e), at == null ? -1 : at.getLineNumber(), at == null ? -1 : at.getColumnNumber());
        }
    }

    private static XMLInputFactory inputFactory() {
        // the JDK's own parser, whatever else is on the class path, so that these settings mean what they say
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // a second guard behind the reader's own depth count, which answers first and more clearly
        factory.setProperty("jdk.xml.maxElementDepth", 2 * MAX_DEPTH);
        return factory;
    }

    /** The parser's message without its "ParseError at [row,col]" preamble (the position is reported apart). */
    private static String message(XMLStreamException e) {
        String text = e.getMessage() == null ? "not well-formed" : e.getMessage();
        int at = text.indexOf("Message: ");
        return (at >= 0 ? text.substring(at + "Message: ".length()) : text).strip();
    }

    /** A pass over one document. */
    private static final class Reader {
        private final XMLStreamReader xml;
        private final Problems problems;
        private final List<Pending> pending = new ArrayList<>();
        private String namespace;
        private String zoneId;
        private int depth;

        /** A Placemark read but not yet finished: its dates wait for the document's time zone. */
        private record Pending(ObjectNode feature, Map<String, String> data, String begin, String end, Geometry geometry, int line) {
        }

        Reader(XMLStreamReader xml, Problems problems) {
            this.xml = xml;
            this.problems = problems;
        }

        Document document() throws XMLStreamException {
            int event;
            do {
                event = next();
                if (event == XMLStreamConstants.DTD) {
                    throw refused("declares a DTD (<!DOCTYPE …>), which KML does not use; DTDs are refused because their"
                            + " entities allow expansion bombs and reading external files");
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw refused("has no root element");
                }
            } while (event != XMLStreamConstants.START_ELEMENT);
            String ns = xml.getNamespaceURI() == null ? "" : xml.getNamespaceURI();
            if (!xml.getLocalName().equals("kml") || !NAMESPACES.contains(ns)) {
                problems.add("(root)", "must be a KML document, <kml xmlns=\"" + NAMESPACE + "\">; got <" + xml.getLocalName()
                        + (ns.isEmpty() ? "" : " xmlns=\"" + Fields.clip(ns) + "\"") + ">");
                return new Document(List.of(), ZoneOffset.UTC);
            }
            namespace = ns;
            container();
            while (xml.hasNext()) {
                next();
            }
            return finish();
        }

        private Document finish() {
            ZoneId zone = ZoneOffset.UTC;
            if (zoneId != null) {
                zone = Formats.zoneOf(zoneId, "time_zone", problems);
                if (zone == null) {
                    zone = ZoneOffset.UTC;
                }
            }
            List<Placemark> placemarks = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                String at = "features[" + i + "].properties";
                ObjectNode props = (ObjectNode) p.feature().get("properties");
                p.data().forEach((name, value) -> props.set(name, name.equals("approximate") ? bool(value) : props.textNode(value)));
                interval(props, "valid_from", p.begin(), "begin", at, zone);
                interval(props, "valid_to", p.end(), "end", at, zone);
                placemarks.add(new Placemark(p.feature(), p.geometry(), p.line()));
            }
            return new Document(placemarks, zone);
        }

        /** A TimeSpan bound gives the property when ExtendedData does not; when both do, they must agree. */
        private void interval(ObjectNode props, String field, String bound, String element, String at, ZoneId zone) {
            if (bound == null) {
                return;
            }
            JsonNode given = props.get(field);
            if (given == null) {
                props.put(field, bound);
                return;
            }
            Instant a = Fields.parseLocal(given.asText(), zone);
            Instant b = Fields.parseLocal(bound, zone);
            if (b == null) {
                // ExtendedData's value is the one read, so a broken TimeSpan would otherwise pass unseen
                problems.add(at + "." + field, "TimeSpan " + element + " '" + Fields.clip(bound) + "' must be a date (2016-02-27),"
                        + " a local date-time (2016-02-27T00:00) or a date-time with offset");
            } else if (a != null && !a.equals(b)) {
                problems.add(at + "." + field, "ExtendedData gives '" + Fields.clip(given.asText()) + "' but TimeSpan " + element
                        + " gives '" + Fields.clip(bound) + "': they must agree (or give one of them)");
            }
        }

        private static JsonNode bool(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> BooleanNode.TRUE;
                case "false", "0" -> BooleanNode.FALSE;
                default -> Json.object().textNode(value);
            };
        }

        /** The next event, counting depth: a document nested deeper than {@link #MAX_DEPTH} is refused. */
        private int next() throws XMLStreamException {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth > MAX_DEPTH) {
                    throw refused("nests elements deeper than " + MAX_DEPTH + " levels");
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.DTD) {
                throw refused("declares a DTD, which is refused");
            }
            return event;
        }

        private MalformedXmlException refused(String what) {
            Location at = xml.getLocation();
            return new MalformedXmlException("the document " + what, at == null ? -1 : at.getLineNumber(), at == null ? -1 : at.getColumnNumber());
        }

        private boolean isKml() {
            String ns = xml.getNamespaceURI();
            return namespace.equals(ns == null ? "" : ns);
        }

        private int line() {
            return xml.getLocation() == null ? -1 : xml.getLocation().getLineNumber();
        }

        /** The children of kml, Document or Folder, up to its end tag. */
        private void container() throws XMLStreamException {
            int event;
            while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (!isKml()) {
                    skip();
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "Document", "Folder" -> container();
                    case "Placemark" -> placemark();
                    case "ExtendedData" -> documentData();
                    case "NetworkLink" -> {
                        problems.add("features", "the NetworkLink at line " + line() + " is not followed: put its Placemarks in the document");
                        skip();
                    }
                    default -> skip();
                }
            }
        }

        /** A Document's or Folder's ExtendedData: only {@code time_zone} means something there. */
        private void documentData() throws XMLStreamException {
            Map<String, String> data = new LinkedHashMap<>();
            extendedData("(document)", data);
            String zone = data.get("time_zone");
            if (zone != null) {
                if (zoneId != null && !zoneId.equals(zone)) {
                    problems.add("time_zone", "is given twice with different values ('" + Fields.clip(zoneId) + "', '" + Fields.clip(zone) + "')");
                }
                zoneId = zone;
            }
        }

        private void placemark() throws XMLStreamException {
            int index = pending.size();
            String at = "features[" + index + "]";
            int line = line();
            String id = xml.getAttributeValue(null, "id");
            ObjectNode feature = Json.object().put("type", "Feature");
            feature.putObject("properties");
            Map<String, String> data = new LinkedHashMap<>();
            String[] span = new String[2];
            Geometry geometry = null;
            boolean geometrySeen = false;
            int event;
            while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (!isKml()) {
                    skip();
                    continue;
                }
                String name = xml.getLocalName();
                switch (name) {
                    case "ExtendedData" -> extendedData(at + ".properties", data);
                    case "TimeSpan" -> timeSpan(span);
                    case "TimeStamp" -> {
                        problems.add(at + ".properties.valid_from", "the Placemark at line " + line() + " has a TimeStamp (an instant); an area"
                                + " of control holds over an interval: give a TimeSpan (begin, end) or ExtendedData valid_from/valid_to");
                        skip();
                    }
                    case "Polygon", "MultiGeometry", "Point", "LineString", "LinearRing", "Model", "Track", "MultiTrack" -> {
                        if (geometrySeen) {
                            problems.add(at + ".geometry", "the Placemark at line " + line + " has more than one geometry; wrap them in one MultiGeometry");
                            skip();
                        } else {
                            geometrySeen = true;
                            geometry = new GeometryReader(at + ".geometry").read(name);
                        }
                    }
                    default -> skip();
                }
            }
            if (!geometrySeen) {
                problems.add(at + ".geometry", "is required: the Placemark at line " + line + " has no Polygon or MultiGeometry");
            }
            if (id != null && !id.isBlank()) {
                String given = data.get("id");
                if (given == null) {
                    data.put("id", id.strip());
                } else if (!given.equals(id.strip())) {
                    problems.add(at + ".properties.id", "the Placemark's id attribute '" + Fields.clip(id) + "' and its ExtendedData id '"
                            + Fields.clip(given) + "' differ");
                }
            }
            pending.add(new Pending(feature, data, span[0], span[1], geometry, line));
        }

        private void timeSpan(String[] span) throws XMLStreamException {
            int event;
            while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (isKml() && xml.getLocalName().equals("begin")) {
                        span[0] = emptyAsNull(text());
                    } else if (isKml() && xml.getLocalName().equals("end")) {
                        span[1] = emptyAsNull(text());
                    } else {
                        skip();
                    }
                }
            }
        }

        /** Data (name, value) and SchemaData/SimpleData (name, text) pairs; an empty value counts as absent. */
        private void extendedData(String at, Map<String, String> data) throws XMLStreamException {
            int event;
            while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (isKml() && xml.getLocalName().equals("Data")) {
                    String name = xml.getAttributeValue(null, "name");
                    String value = null;
                    int inner;
                    while ((inner = next()) != XMLStreamConstants.END_ELEMENT) {
                        if (inner == XMLStreamConstants.START_ELEMENT) {
                            if (isKml() && xml.getLocalName().equals("value")) {
                                value = text();
                            } else {
                                skip();
                            }
                        }
                    }
                    put(at, name, value, data);
                } else if (isKml() && xml.getLocalName().equals("SchemaData")) {
                    int inner;
                    while ((inner = next()) != XMLStreamConstants.END_ELEMENT) {
                        if (inner == XMLStreamConstants.START_ELEMENT) {
                            if (isKml() && xml.getLocalName().equals("SimpleData")) {
                                String name = xml.getAttributeValue(null, "name");
                                put(at, name, text(), data);
                            } else {
                                skip();
                            }
                        }
                    }
                } else {
                    skip();
                }
            }
        }

        private void put(String at, String name, String value, Map<String, String> data) {
            if (name == null || name.isBlank()) {
                problems.add(at, "a Data or SimpleData element near line " + line() + " has no name attribute");
                return;
            }
            if (data.containsKey(name)) {
                problems.add(at + "." + name, "is given twice in the ExtendedData (line " + line() + ")");
                return;
            }
            String v = emptyAsNull(value);
            if (v != null) {
                data.put(name, v);
            }
        }

        private static String emptyAsNull(String text) {
            if (text == null) {
                return null;
            }
            String s = text.strip();
            return s.isEmpty() ? null : s;
        }

        /** The text of the current element up to its end tag; child elements are skipped. */
        private String text() throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            int event;
            while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(xml.getText());
                    case XMLStreamConstants.START_ELEMENT -> skip();
                    default -> {
                        // comments and processing instructions carry no value
                    }
                }
            }
            return text.toString();
        }

        /** Consumes the current element and everything in it. */
        private void skip() throws XMLStreamException {
            int level = 1;
            while (level > 0) {
                int event = next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    level++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    level--;
                }
            }
        }

        /** Reads one Placemark's geometry into a Polygon or MultiPolygon, naming each broken ring and tuple. */
        private final class GeometryReader {
            private final String at;
            private final List<Polygon> polygons = new ArrayList<>();
            private int polygonIndex;
            private int found;

            GeometryReader(String at) {
                this.at = at;
            }

            private void problem(String path, String message) {
                if (found < MAX_GEOMETRY_PROBLEMS) {
                    problems.add(path, message);
                } else if (found == MAX_GEOMETRY_PROBLEMS) {
                    problems.add(at, "has more problems; the first " + MAX_GEOMETRY_PROBLEMS + " are listed");
                }
                found++;
            }

            Geometry read(String element) throws XMLStreamException {
                int line = line();
                switch (element) {
                    case "Polygon" -> polygon();
                    case "MultiGeometry" -> multi();
                    default -> {
                        problem(at + ".type", "must be Polygon or MultiGeometry of Polygons for an area of control, got " + element
                                + " (line " + line + ")");
                        skip();
                    }
                }
                if (found > 0) {
                    return null;
                }
                if (polygons.isEmpty()) {
                    problems.add(at, "the MultiGeometry at line " + line + " holds no Polygon");
                    return null;
                }
                Geometry geometry = element.equals("Polygon") ? polygons.get(0)
                        : Geometries.FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
                String problem = Geometries.problemWith(geometry);
                if (problem != null) {
                    problems.add(at, problem + " (the Placemark's geometry at line " + line + ")");
                    return null;
                }
                return geometry;
            }

            private void multi() throws XMLStreamException {
                int event;
                while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String name = xml.getLocalName();
                    if (!isKml()) {
                        skip();
                    } else if (name.equals("Polygon")) {
                        polygon();
                    } else if (name.equals("MultiGeometry")) {
                        multi();
                    } else {
                        problem(at + ".type", "a MultiGeometry of an area of control holds only Polygons, got " + name + " (line " + line() + ")");
                        skip();
                    }
                }
            }

            private void polygon() throws XMLStreamException {
                String path = at + ".Polygon[" + polygonIndex++ + "]";
                int line = line();
                LinearRing shell = null;
                boolean shellSeen = false;
                List<LinearRing> holes = new ArrayList<>();
                int inner = 0;
                boolean broken = false;
                int event;
                while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (!isKml()) {
                        skip();
                        continue;
                    }
                    switch (xml.getLocalName()) {
                        case "outerBoundaryIs" -> {
                            if (shellSeen) {
                                problem(path + ".outerBoundaryIs", "appears twice (line " + line() + "); a Polygon has one outer boundary");
                                skip();
                                broken = true;
                            } else {
                                shellSeen = true;
                                List<LinearRing> rings = boundary(path + ".outerBoundaryIs");
                                if (rings == null || rings.size() != 1) {
                                    if (rings != null) {
                                        problem(path + ".outerBoundaryIs", "must hold exactly one LinearRing, got " + rings.size());
                                    }
                                    broken = true;
                                } else {
                                    shell = rings.get(0);
                                }
                            }
                        }
                        case "innerBoundaryIs" -> {
                            List<LinearRing> rings = boundary(path + ".innerBoundaryIs[" + inner++ + "]");
                            if (rings == null) {
                                broken = true;
                            } else {
                                holes.addAll(rings);
                            }
                        }
                        default -> skip();
                    }
                }
                if (!shellSeen) {
                    problem(path + ".outerBoundaryIs", "is required (the Polygon at line " + line + ")");
                    broken = true;
                }
                if (broken || shell == null) {
                    return;
                }
                polygons.add(Geometries.FACTORY.createPolygon(shell, holes.toArray(LinearRing[]::new)));
            }

            /** The LinearRings of a boundary element; null when one is broken (its problems reported). */
            private List<LinearRing> boundary(String path) throws XMLStreamException {
                List<LinearRing> rings = new ArrayList<>();
                boolean broken = false;
                int event;
                while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (isKml() && xml.getLocalName().equals("LinearRing")) {
                        LinearRing ring = ring(path);
                        if (ring == null) {
                            broken = true;
                        } else {
                            rings.add(ring);
                        }
                    } else {
                        skip();
                    }
                }
                return broken ? null : rings;
            }

            private LinearRing ring(String path) throws XMLStreamException {
                int line = line();
                String text = null;
                int event;
                while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (isKml() && xml.getLocalName().equals("coordinates")) {
                        text = text();
                    } else {
                        skip();
                    }
                }
                if (text == null) {
                    problem(path + ".coordinates", "is required (the LinearRing at line " + line + ")");
                    return null;
                }
                Coordinate[] positions = coordinates(text, path + ".coordinates", line);
                if (positions == null) {
                    return null;
                }
                if (positions.length < 4) {
                    problem(path + ".coordinates", "a LinearRing needs at least 4 positions (the last repeating the first), got "
                            + positions.length + " (line " + line + ")");
                    return null;
                }
                Coordinate first = positions[0];
                Coordinate last = positions[positions.length - 1];
                if (!first.equals2D(last)) {
                    problem(path + ".coordinates", "the ring is not closed: its last position " + last.x + "," + last.y
                            + " must repeat its first " + first.x + "," + first.y + " (line " + line + ")");
                    return null;
                }
                return Geometries.FACTORY.createLinearRing(positions);
            }

            /** KML tuples {@code lon,lat[,alt]} separated by white space (a space after a comma is tolerated). */
            private Coordinate[] coordinates(String text, String path, int line) {
                String normalised = AROUND_COMMAS.matcher(text.strip()).replaceAll(",");
                String[] tuples = normalised.isEmpty() ? new String[0] : WHITESPACE.split(normalised);
                Coordinate[] positions = new Coordinate[tuples.length];
                boolean broken = false;
                for (int t = 0; t < tuples.length; t++) {
                    positions[t] = tuple(tuples[t], path + "[" + t + "]", line);
                    broken |= positions[t] == null;
                }
                return broken ? null : positions;
            }

            private Coordinate tuple(String tuple, String path, int line) {
                String[] parts = tuple.split(",", -1);
                if (parts.length < 2 || parts.length > 3) {
                    problem(path, "must be a tuple longitude,latitude[,altitude], got '" + Fields.clip(tuple) + "' (line " + line + ")");
                    return null;
                }
                double[] values = new double[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    if (NOT_FINITE.matcher(parts[k]).matches()) {
                        problem(path, "must be finite numbers, got '" + Fields.clip(tuple) + "' (line " + line + ")");
                        return null;
                    }
                    if (!NUMBER.matcher(parts[k]).matches()) {
                        problem(path, "must be decimal numbers longitude,latitude[,altitude], got '" + Fields.clip(tuple) + "' (line " + line + ")");
                        return null;
                    }
                    values[k] = Double.parseDouble(parts[k]);
                    if (!Double.isFinite(values[k])) {
                        problem(path, "must be finite numbers, got '" + Fields.clip(tuple) + "' (line " + line + ")");
                        return null;
                    }
                }
                if (!GeoPoint.isValidLongitude(values[0]) || !GeoPoint.isValidLatitude(values[1])) {
                    problem(path, GeoJson.rangeProblem(values[0], values[1]).replace("positions are [longitude, latitude]",
                            "KML tuples are longitude,latitude") + " (line " + line + ")");
                    return null;
                }
                return values.length == 3 ? new Coordinate(values[0], values[1], values[2]) : new Coordinate(values[0], values[1]);
            }
        }
    }

    /**
     * A KML document of {@code areas}, each a Placemark carrying every property of the GeoJSON
     * format in its ExtendedData and its validity also as a TimeSpan (for viewers' time sliders);
     * {@code actorNames} adds an {@code actor_name} where it knows one (it may answer null).
     */
    public static byte[] write(List<ControlArea> areas, String title, Function<ActorId, String> actorNames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            Writer w = new Writer(xml);
            xml.writeStartDocument("UTF-8", "1.0");
            w.newline(0);
            xml.writeStartElement("kml");
            xml.writeDefaultNamespace(NAMESPACE);
            w.newline(1);
            xml.writeStartElement("Document");
            w.element(2, "name", title);
            for (ControlArea area : areas) {
                w.placemark(area, actorNames.apply(area.actor()));
            }
            w.newline(1);
            xml.writeEndElement();
            w.newline(0);
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing KML to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Writes Placemarks with two-space indentation, one element per line. */
    private record Writer(XMLStreamWriter xml) {
        void newline(int level) throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(level));
        }

        void element(int level, String name, String text) throws XMLStreamException {
            newline(level);
            xml.writeStartElement(name);
            xml.writeCharacters(text);
            xml.writeEndElement();
        }

        void start(int level, String name) throws XMLStreamException {
            newline(level);
            xml.writeStartElement(name);
        }

        void end(int level) throws XMLStreamException {
            newline(level);
            xml.writeEndElement();
        }

        void placemark(ControlArea a, String actorName) throws XMLStreamException {
            start(2, "Placemark");
            if (NC_NAME.matcher(a.id()).matches()) {
                xml.writeAttribute("id", a.id());
            }
            element(3, "name", a.id());
            start(3, "TimeSpan");
            element(4, "begin", a.validity().from().toString());
            if (a.validity().to() != null) {
                element(4, "end", a.validity().to().toString());
            }
            end(3);
            start(3, "ExtendedData");
            data("id", a.id());
            data("actor", a.actor().value());
            if (actorName != null) {
                data("actor_name", actorName);
            }
            data("valid_from", a.validity().from().toString());
            if (a.validity().to() != null) {
                data("valid_to", a.validity().to().toString());
            }
            data("source", a.source());
            data("confidence", a.confidence().name().toLowerCase(Locale.ROOT));
            data("approximate", Boolean.toString(a.approximate()));
            if (a.note() != null) {
                data("note", a.note());
            }
            end(3);
            if (a.geometry() instanceof MultiPolygon multi) {
                start(3, "MultiGeometry");
                for (int i = 0; i < multi.getNumGeometries(); i++) {
                    polygon(4, (Polygon) multi.getGeometryN(i));
                }
                end(3);
            } else {
                polygon(3, (Polygon) a.geometry());
            }
            end(2);
        }

        private void data(String name, String value) throws XMLStreamException {
            start(4, "Data");
            xml.writeAttribute("name", name);
            element(5, "value", value);
            end(4);
        }

        private void polygon(int level, Polygon p) throws XMLStreamException {
            start(level, "Polygon");
            ring(level + 1, "outerBoundaryIs", p.getExteriorRing().getCoordinates());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                ring(level + 1, "innerBoundaryIs", p.getInteriorRingN(i).getCoordinates());
            }
            end(level);
        }

        private void ring(int level, String boundary, Coordinate[] positions) throws XMLStreamException {
            start(level, boundary);
            start(level + 1, "LinearRing");
            newline(level + 2);
            xml.writeStartElement("coordinates");
            StringBuilder text = new StringBuilder(positions.length * 24);
            for (int i = 0; i < positions.length; i++) {
                Coordinate c = positions[i];
                text.append(i == 0 ? "" : " ").append(Es6Numbers.format(c.x)).append(',').append(Es6Numbers.format(c.y));
                if (!Double.isNaN(c.getZ())) {
                    text.append(',').append(Es6Numbers.format(c.getZ()));
                }
            }
            xml.writeCharacters(text.toString());
            xml.writeEndElement();
            end(level + 1);
            end(level);
        }
    }
}
