package org.truce.service.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.truce.domain.actor.Actor;
import org.truce.domain.problem.InvalidInputException;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.Geometries;
import org.truce.service.catalog.CatalogService;
import org.truce.service.format.Json;
import org.truce.service.format.Kml;
import org.truce.service.format.TerritoryFormat;
import org.truce.service.ledger.Entry;
import org.truce.service.ledger.EntryCodec;
import org.truce.service.ledger.EntryType;
import org.truce.service.ledger.Ledger;

/**
 * Imports areas of control from a GeoJSON FeatureCollection or a KML document, all or nothing: every
 * problem of every feature is reported (with the feature's index and field) and then nothing is
 * recorded; otherwise every area is recorded in one atomic group of entries.
 *
 * <p>Beyond what the format itself requires, intake refuses what would be accepted but wrong: an
 * empty geometry, one spanning more than 180° of longitude (a polygon that crosses the antimeridian
 * without being cut there, RFC 7946 §3.1.9), and one too large for a log entry, unless the caller
 * asks for it to be simplified until it fits.
 */
public final class TerritoryImports {
    /**
     * Largest document read: ten times the 62 OCHA districts at full precision, while a 50 MB
     * document (or a decompression or entity bomb) is refused before it is parsed.
     */
    public static final long MAX_DOCUMENT_BYTES = 32L * 1024 * 1024;
    /** Coarsest simplification tried: about 1.1 km of latitude, beyond which a geometry is not the one given. */
    static final double MAX_TOLERANCE_DEGREES = 0.01;
    /** Finest simplification tried first: about 1 cm, which already drops the redundant points of oversampled boundaries. */
    static final double FIRST_TOLERANCE_DEGREES = 1e-7;
    /** Largest change of area a simplification may make. */
    static final double MAX_AREA_CHANGE = 0.01;
    /** The longest {@code recorded_at} an entry can carry, so that a size computed with it is an upper bound. */
    private static final Instant LONGEST_INSTANT = Instant.parse("2000-01-01T00:00:00.000000001Z");

    /** The documented formats of areas of control. */
    public enum Format {
        GEOJSON("application/geo+json"), KML(Kml.MEDIA_TYPE);

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    /** {@code simplifyToFit}: a geometry too large for one entry is simplified until it fits, instead of refused. */
    public record Options(boolean simplifyToFit) {
        public static final Options STRICT = new Options(false);
    }

    /** A geometry that was simplified to fit one entry: at which tolerance, how many positions it kept, how its area changed (a ratio). */
    public record Simplified(int feature, String id, double toleranceDegrees, int positionsBefore, int positionsAfter, double areaChange) {
        public String line() {
            return String.format(Locale.ROOT, "features[%d] (%s): simplified at %.2g° (about %.2g m) from %,d to %,d positions to fit one entry;"
                    + " area changed by %+.2g%%", feature, id, toleranceDegrees, toleranceDegrees * 111_320, positionsBefore, positionsAfter,
                    100 * areaChange);
        }
    }

    /** What an import recorded: {@code accepted} areas, the first at log index {@code firstIndex}. */
    public record Summary(Format format, int read, int accepted, long firstIndex, List<Simplified> simplified) {
        public Summary {
            simplified = List.copyOf(simplified);
        }

        public String line() {
            return "read " + read + ", accepted " + accepted + ", duplicates 0, rejected 0";
        }
    }

    private final CatalogService catalog;

    public TerritoryImports(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** The problem of a document over the size limit, for callers that check the size before reading it. */
    public static String tooLarge(long bytes) {
        return String.format(Locale.ROOT, "is %,d bytes; a territory document may hold at most %,d bytes (%d MiB)", bytes,
                MAX_DOCUMENT_BYTES, MAX_DOCUMENT_BYTES / (1024 * 1024));
    }

    /**
     * Reads, checks and records the areas of a document. Malformed JSON raises
     * {@link org.truce.service.format.MalformedJsonException}, malformed or refused XML
     * {@link org.truce.service.format.MalformedXmlException}; any other problem
     * {@link InvalidInputException} with every problem found.
     */
    public Summary importAreas(String principal, Format format, byte[] document, Options options) {
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw InvalidInputException.of("(body)", tooLarge(document.length));
        }
        return switch (format) {
            case GEOJSON -> importAreas(principal, Json.parse(document), options);
            case KML -> {
                Problems problems = new Problems();
                Kml.Document kml = Kml.read(document, problems);
                List<ControlArea> areas = new ArrayList<>();
                for (int i = 0; i < kml.placemarks().size(); i++) {
                    Kml.Placemark p = kml.placemarks().get(i);
                    areas.add(TerritoryFormat.area(p.feature(), p.geometry(), "features[" + i + "]", kml.zone(), problems));
                }
                yield record(principal, Format.KML, areas, problems, options, "holds no Placemark: nothing to import");
            }
        };
    }

    /** Checks and records the areas of a parsed GeoJSON FeatureCollection. */
    public Summary importAreas(String principal, JsonNode geojson, Options options) {
        Problems problems = new Problems();
        TerritoryFormat.Collection collection = TerritoryFormat.collection(geojson, problems);
        List<ControlArea> areas = new ArrayList<>();
        for (int i = 0; i < collection.features().size(); i++) {
            areas.add(TerritoryFormat.area(collection.features().get(i), "features[" + i + "]", collection.zone(), problems));
        }
        return record(principal, Format.GEOJSON, areas, problems, options, "is empty: nothing to import");
    }

    /** {@code areas} holds null where a feature was broken (its problems already in {@code problems}). */
    private Summary record(String principal, Format format, List<ControlArea> areas, Problems problems, Options options, String empty) {
        if (areas.isEmpty() && problems.isEmpty()) {
            problems.add("features", empty);
        }
        Set<String> actors = new HashSet<>();
        for (Actor a : catalog.actors()) {
            actors.add(a.id().value());
        }
        Set<String> ids = new HashSet<>();
        List<Simplified> simplified = new ArrayList<>();
        List<ControlArea> checked = new ArrayList<>(areas.size());
        for (int i = 0; i < areas.size(); i++) {
            ControlArea a = areas.get(i);
            if (a == null) {
                continue;
            }
            String at = "features[" + i + "]";
            // the catalog checks these again under its lock; checked here too, they are reported with the geometry problems
            problems.check(actors.contains(a.actor().value()), at + ".properties.actor", "unknown actor '" + a.actor() + "'");
            problems.check(ids.add(a.id()), at + ".properties.id", "area '" + a.id() + "' appears twice in this document");
            checked.add(fit(principal, checkGeometry(a, at, problems), i, options, simplified, problems));
        }
        problems.throwIfAny();
        long first = catalog.recordAreas(principal, checked);
        return new Summary(format, areas.size(), checked.size(), first, simplified);
    }

    private static ControlArea checkGeometry(ControlArea a, String at, Problems problems) {
        Geometry g = a.geometry();
        if (g.isEmpty()) {
            problems.add(at + ".geometry", "is empty: an area of control needs at least one ring");
            return a;
        }
        Envelope box = g.getEnvelopeInternal();
        if (box.getWidth() > 180) {
            problems.add(at + ".geometry", String.format(Locale.ROOT, "spans %.1f° of longitude (%s to %s): a polygon that crosses the"
                    + " antimeridian must be cut in two along it (RFC 7946 §3.1.9); as written it goes the long way round the globe",
                    box.getWidth(), box.getMinX(), box.getMaxX()));
        }
        return a;
    }

    /** The area itself when its entry fits; otherwise simplified to fit (if allowed) or reported. */
    private static ControlArea fit(String principal, ControlArea a, int index, Options options, List<Simplified> simplified, Problems problems) {
        // only a large geometry is encoded to be measured
        if (CatalogService.areaEntryBytesBound(principal, a) <= Ledger.MAX_ENTRY_BYTES) {
            return a;
        }
        int size = entryBytes(principal, a);
        if (size <= Ledger.MAX_ENTRY_BYTES) {
            return a;
        }
        String at = "features[" + index + "].geometry";
        Geometry original = a.geometry();
        if (!options.simplifyToFit()) {
            problems.add(at, String.format(Locale.ROOT, "makes a log entry of %,d bytes (%,d positions); one entry holds at most %,d:"
                    + " simplify or split the geometry, or import with simplification to fit (--simplify-to-fit, ?simplify=fit)",
                    size, original.getNumPoints(), Ledger.MAX_ENTRY_BYTES));
            return a;
        }
        double area = original.getArea();
        for (double tolerance = FIRST_TOLERANCE_DEGREES; tolerance <= MAX_TOLERANCE_DEGREES; tolerance *= 2) {
            Geometry g = TopologyPreservingSimplifier.simplify(original, tolerance);
            if (!(g instanceof Polygonal) || g.isEmpty() || Geometries.problemWith(g) != null) {
                continue;
            }
            double change = area == 0 ? 0 : (g.getArea() - area) / area;
            ControlArea candidate = new ControlArea(a.id(), a.actor(), g, a.validity(), a.source(), a.confidence(), a.approximate(), a.note());
            if (entryBytes(principal, candidate) <= Ledger.MAX_ENTRY_BYTES) {
                if (Math.abs(change) > MAX_AREA_CHANGE) {
                    break;
                }
                simplified.add(new Simplified(index, a.id(), tolerance, original.getNumPoints(), g.getNumPoints(), change));
                return candidate;
            }
        }
        problems.add(at, String.format(Locale.ROOT, "makes a log entry of %,d bytes (%,d positions), more than the %,d one entry holds,"
                + " and no simplification up to %s° that keeps its area within %.0f%% makes it fit: split it into several areas",
                size, original.getNumPoints(), Ledger.MAX_ENTRY_BYTES, MAX_TOLERANCE_DEGREES, 100 * MAX_AREA_CHANGE));
        return a;
    }

    /** An upper bound of the size of the area's entry, as the ledger will encode it. */
    static int entryBytes(String principal, ControlArea a) {
        Entry entry = new Entry(EntryType.AREA_RECORDED, EntryCodec.SCHEMA, principal, LONGEST_INSTANT, TerritoryFormat.areaFeature(a), null);
        return EntryCodec.encode(entry).length;
    }
}
