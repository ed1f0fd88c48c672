package org.truce.domain.territory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.truce.domain.geo.GeoPoint;

/**
 * The index behind {@link Territory#controlAt}: which areas hold a point (or come within a radius of
 * it) at an instant, without a point-in-polygon test for most points.
 *
 * <p><b>Shapes.</b> Areas with exactly the same geometry share one shape (the demo's mixed areas, the
 * same neighbourhood held by successive actors): the geometric work is done once per shape, and the
 * instant then selects which of its areas answer.
 *
 * <p><b>Adaptive grid.</b> A uniform root grid over the shapes' extent, each cell split into four
 * while the shape edges crossing it number more than {@value #MAX_LEAF_EDGES} (at most
 * {@value #MAX_DEPTH} times). A leaf lists each shape that reaches it, either as <i>full</i> (the shape
 * covers the whole leaf: no test at all) or as <i>partial</i> with the few edges that may cross the leaf
 * and a reference point inside the leaf whose location (inside or outside the shape, never on its
 * boundary) was decided when the index was built. A point is then inside a partial shape when it lies
 * on one of those edges, or when the segment from the reference point to it crosses those edges an odd
 * number of times (or an even number, from a reference point outside).
 *
 * <p><b>Exactness.</b> Every decision uses JTS's robust orientation predicate, so the answer is the
 * one {@code Geometry.covers(point)} gives, boundaries included: a point exactly on an edge is inside.
 * A crossing through a vertex is counted by symbolic perturbation (a vertex on the line of the segment
 * counts as lying on its left), so no vertex is counted twice. Each cell is widened by
 * {@value #EPS}° on every side before edges are assigned to it, which absorbs the rounding of the
 * arithmetic that finds a point's cell. Where a leaf has no usable reference point (every candidate
 * lies on the shape's boundary), the shape is tested there with JTS's point locator. Geometries are
 * assumed valid (imports check them); on an invalid one the answer is the parity rule's.
 *
 * <p><b>Time.</b> Every start and end of validity gets a rank; an instant becomes one rank by binary
 * search, and each shape keeps its areas sorted by start rank, so a validity test is two integer
 * comparisons.
 *
 * <p><b>Radius.</b> {@link #near} adds the shapes whose boundary comes within the radius: the leaves
 * that meet the radius's bounding box are visited and their edges measured ({@link #edgeWithin});
 * because every edge is listed in every leaf it crosses, the nearest edge is always among them.
 *
 * <p>Immutable and safe to share between threads once built.
 */
final class ControlIndex {
    /** Degrees by which every cell is widened before edges are assigned to it (about 0.1 mm). */
    static final double EPS = 1e-9;
    static final int MAX_LEAF_EDGES = 16;
    static final int MAX_DEPTH = 14;
    /** Edges longer than this (in degrees of longitude or latitude) are measured piecewise. */
    static final double DENSIFY_DEGREES = 0.01;

    private static final byte FULL = 0;
    private static final byte PARTIAL_OUT = 1;
    private static final byte PARTIAL_IN = 2;
    private static final byte LOCATE = 3;
    /** Reference points tried in a leaf, as fractions of its width and height: irrational-looking, so they rarely fall on data. */
    private static final double[][] REFERENCE_FRACTIONS = {
        {0.5, 0.5}, {0.3090169943749474, 0.6180339887498949}, {0.7236067977499790, 0.2763932022500210},
        {0.1381966011250105, 0.8618033988749895}, {0.8944271909999159, 0.4472135954999579}};

    /** The areas in answer order (actor id, then area id); an area's ordinal is its position here. */
    final ControlArea[] areas;
    /** Ordinal of each area's actor, dense from 0. */
    final int[] areaActor;

    private final long[] boundSeconds;
    private final int[] boundNanos;

    /** Shape s owns slots shapeStart[s] until shapeStart[s + 1], sorted by start rank. */
    private final int[] shapeStart;
    private final int[] slotArea;
    private final int[] slotFrom;
    private final int[] slotTo;
    private final Geometry[] shapes;
    private final IndexedPointInAreaLocator[] locators;

    private final double minX;
    private final double minY;
    private final double maxX;
    private final double maxY;
    private final double cellW;
    private final double cellH;
    private final int cols;
    private final int rows;

    /** Per node: first of its four children, or -1 for a leaf. Nodes 0 … cols·rows − 1 are the root cells, row by row. */
    private final int[] child;
    private final double[] midX;
    private final double[] midY;
    private final int[] nodeEntryFrom;
    private final int[] nodeEntryTo;

    private final int[] entryShape;
    private final byte[] entryKind;
    private final double[] entryRefX;
    private final double[] entryRefY;
    private final int[] entryEdgeFrom;
    private final int[] entryEdgeTo;
    /** Edge e is edges[4e … 4e + 3] = ax, ay, bx, by. */
    private final double[] edges;

    ControlIndex(List<ControlArea> input) {
        areas = input.toArray(ControlArea[]::new);
        Arrays.sort(areas, Comparator.comparing((ControlArea a) -> a.actor().value()).thenComparing(ControlArea::id));
        areaActor = new int[areas.length];
        for (int i = 0; i < areas.length; i++) {
            areaActor[i] = i == 0 ? 0 : areaActor[i - 1] + (areas[i].actor().equals(areas[i - 1].actor()) ? 0 : 1);
        }

        Instant[] bounds = distinctBounds(areas);
        boundSeconds = new long[bounds.length];
        boundNanos = new int[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            boundSeconds[i] = bounds[i].getEpochSecond();
            boundNanos[i] = bounds[i].getNano();
        }

        // shapes: areas with equal geometries share one
        Map<ShapeKey, Integer> shapeIds = new HashMap<>();
        // the same object is the same shape, without hashing its coordinates again
        Map<Geometry, Integer> seen = new IdentityHashMap<>();
        List<Geometry> shapeList = new ArrayList<>();
        int[] areaShape = new int[areas.length];
        for (int i = 0; i < areas.length; i++) {
            Geometry g = areas[i].geometry();
            Integer id = seen.get(g);
            if (id == null) {
                ShapeKey key = new ShapeKey(g);
                id = shapeIds.get(key);
                if (id == null) {
                    id = shapeList.size();
                    shapeIds.put(key, id);
                    shapeList.add(g);
                }
                seen.put(g, id);
            }
            areaShape[i] = id;
        }
        shapes = shapeList.toArray(Geometry[]::new);
        int shapeCount = shapes.length;
        shapeStart = new int[shapeCount + 1];
        for (int s : areaShape) {
            shapeStart[s + 1]++;
        }
        for (int s = 0; s < shapeCount; s++) {
            shapeStart[s + 1] += shapeStart[s];
        }
        slotArea = new int[areas.length];
        slotFrom = new int[areas.length];
        slotTo = new int[areas.length];
        int[] fill = Arrays.copyOf(shapeStart, shapeCount);
        Integer[] byFrom = new Integer[areas.length];
        for (int i = 0; i < areas.length; i++) {
            byFrom[i] = i;
        }
        int[] fromRank = new int[areas.length];
        int[] toRank = new int[areas.length];
        for (int i = 0; i < areas.length; i++) {
            fromRank[i] = Arrays.binarySearch(bounds, areas[i].validity().from());
            Instant to = areas[i].validity().to();
            toRank[i] = to == null ? Integer.MAX_VALUE : Arrays.binarySearch(bounds, to);
        }
        Arrays.sort(byFrom, Comparator.comparingInt(i -> fromRank[i]));
        for (int i : byFrom) {
            int slot = fill[areaShape[i]]++;
            slotArea[slot] = i;
            slotFrom[slot] = fromRank[i];
            slotTo[slot] = toRank[i];
        }

        // the grid's extent and root cells
        Envelope extent = new Envelope();
        for (Geometry g : shapes) {
            extent.expandToInclude(g.getEnvelopeInternal());
        }
        if (extent.isNull()) {
            extent = new Envelope(0, 0, 0, 0);
        }
        minX = extent.getMinX();
        minY = extent.getMinY();
        maxX = extent.getMaxX();
        maxY = extent.getMaxY();
        double width = Math.max(maxX - minX, 1e-6);
        double height = Math.max(maxY - minY, 1e-6);
        int target = Math.clamp(16L * shapeCount, 64, 1 << 16);
        double cell = Math.sqrt(width * height / target);
        cols = (int) Math.clamp(Math.ceil(width / cell), 1, 1 << 12);
        rows = (int) Math.clamp(Math.ceil(height / cell), 1, 1 << 12);
        cellW = width / cols;
        cellH = height / rows;

        Builder b = new Builder(shapes, cols * rows);
        List<List<Candidate>> roots = rootCandidates(b);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int node = r * cols + c;
                b.build(node, minX + c * cellW, minY + r * cellH, minX + (c + 1) * cellW, minY + (r + 1) * cellH, 0, roots.get(node));
            }
        }
        child = b.child.toArray();
        midX = b.midX.toArray();
        midY = b.midY.toArray();
        nodeEntryFrom = b.nodeEntryFrom.toArray();
        nodeEntryTo = b.nodeEntryTo.toArray();
        entryShape = b.entryShape.toArray();
        entryKind = b.entryKind.toArray();
        entryRefX = b.entryRefX.toArray();
        entryRefY = b.entryRefY.toArray();
        entryEdgeFrom = b.entryEdgeFrom.toArray();
        entryEdgeTo = b.entryEdgeTo.toArray();
        edges = b.edges.toArray();
        locators = new IndexedPointInAreaLocator[shapeCount];
        for (int s = 0; s < shapeCount; s++) {
            if (b.needsLocator[s]) {
                locators[s] = b.locator(s);
            }
        }
    }

    private static Instant[] distinctBounds(ControlArea[] areas) {
        List<Instant> all = new ArrayList<>();
        for (ControlArea a : areas) {
            all.add(a.validity().from());
            if (a.validity().to() != null) {
                all.add(a.validity().to());
            }
        }
        return all.stream().distinct().sorted().toArray(Instant[]::new);
    }

    /** For each root cell, the shapes whose envelope meets it, with the edges whose box meets the widened cell. */
    private List<List<Candidate>> rootCandidates(Builder b) {
        List<List<Candidate>> roots = new ArrayList<>(cols * rows);
        for (int i = 0; i < cols * rows; i++) {
            roots.add(new ArrayList<>());
        }
        for (int s = 0; s < shapes.length; s++) {
            Envelope env = shapes[s].getEnvelopeInternal();
            if (env.isNull()) {
                continue;
            }
            int c0 = col(env.getMinX() - EPS);
            int c1 = col(env.getMaxX() + EPS);
            int r0 = row(env.getMinY() - EPS);
            int r1 = row(env.getMaxY() + EPS);
            Map<Integer, IntList> buckets = new HashMap<>();
            double[] e = b.shapeEdges[s];
            for (int k = 0; k < e.length / 4; k++) {
                double ax = e[4 * k];
                double ay = e[4 * k + 1];
                double bx = e[4 * k + 2];
                double by = e[4 * k + 3];
                int ec0 = col(Math.min(ax, bx) - EPS);
                int ec1 = col(Math.max(ax, bx) + EPS);
                int er0 = row(Math.min(ay, by) - EPS);
                int er1 = row(Math.max(ay, by) + EPS);
                for (int r = er0; r <= er1; r++) {
                    for (int c = ec0; c <= ec1; c++) {
                        buckets.computeIfAbsent(r * cols + c, x -> new IntList()).add(k);
                    }
                }
            }
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    IntList bucket = buckets.get(r * cols + c);
                    roots.get(r * cols + c).add(new Candidate(s, false, bucket == null ? new int[0] : bucket.toArray()));
                }
            }
        }
        return roots;
    }

    private int col(double x) {
        return (int) Math.clamp(Math.floor((x - minX) / cellW), 0, cols - 1);
    }

    private int row(double y) {
        return (int) Math.clamp(Math.floor((y - minY) / cellH), 0, rows - 1);
    }

    int shapeCount() {
        return shapes.length;
    }

    /** The rank of the instant: the number of validity bounds on or before it, minus one. */
    int rank(Instant at) {
        long s = at.getEpochSecond();
        int n = at.getNano();
        int lo = 0;
        int hi = boundSeconds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (boundSeconds[mid] < s || (boundSeconds[mid] == s && boundNanos[mid] <= n)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    private boolean anyValid(int shape, int rank) {
        for (int i = shapeStart[shape]; i < shapeStart[shape + 1] && slotFrom[i] <= rank; i++) {
            if (slotTo[i] > rank) {
                return true;
            }
        }
        return false;
    }

    private void addValid(int shape, int rank, IntList out) {
        for (int i = shapeStart[shape]; i < shapeStart[shape + 1] && slotFrom[i] <= rank; i++) {
            if (slotTo[i] > rank) {
                out.add(slotArea[i]);
            }
        }
    }

    /** The leaf holding (x, y), or -1 outside the extent. */
    private int leaf(double x, double y) {
        if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) {
            return -1;
        }
        int c = Math.min((int) ((x - minX) / cellW), cols - 1);
        int r = Math.min((int) ((y - minY) / cellH), rows - 1);
        int node = r * cols + c;
        int first;
        while ((first = child[node]) >= 0) {
            node = first + (x >= midX[node] ? 1 : 0) + (y >= midY[node] ? 2 : 0);
        }
        return node;
    }

    /** Adds to {@code out} the ordinals of the areas valid at {@code rank} that cover (lon x, lat y). */
    void covering(double x, double y, int rank, IntList out) {
        int node = leaf(x, y);
        if (node < 0) {
            return;
        }
        for (int e = nodeEntryFrom[node]; e < nodeEntryTo[node]; e++) {
            int shape = entryShape[e];
            if (anyValid(shape, rank) && covers(e, x, y)) {
                addValid(shape, rank, out);
            }
        }
    }

    private boolean covers(int entry, double px, double py) {
        return switch (entryKind[entry]) {
            case FULL -> true;
            case LOCATE -> locators[entryShape[entry]].locate(new Coordinate(px, py)) != Location.EXTERIOR;
            default -> crossingTest(entry, px, py);
        };
    }

    private boolean crossingTest(int entry, double px, double py) {
        return covers(edges, entryEdgeFrom[entry], entryEdgeTo[entry], entryRefX[entry], entryRefY[entry],
                entryKind[entry] == PARTIAL_IN, px, py);
    }

    /**
     * True when P lies on one of the edges {@code from} until {@code to} of {@code edges}, or inside by
     * the parity of their crossings with the segment from the reference point C (whose location,
     * {@code referenceInside}, is known and not on the boundary) to P. Exact when every edge of the
     * shape that meets the segment is among those given.
     */
    static boolean covers(double[] edges, int from, int to, double cx, double cy, boolean referenceInside, double px, double py) {
        boolean inside = referenceInside;
        double loX = Math.min(px, cx);
        double hiX = Math.max(px, cx);
        double loY = Math.min(py, cy);
        double hiY = Math.max(py, cy);
        for (int k = 4 * from, end = 4 * to; k < end; k += 4) {
            double ax = edges[k];
            double ay = edges[k + 1];
            double bx = edges[k + 2];
            double by = edges[k + 3];
            // an edge whose box misses the segment's box neither holds P nor crosses the segment
            if ((ax < loX && bx < loX) || (ax > hiX && bx > hiX) || (ay < loY && by < loY) || (ay > hiY && by > hiY)) {
                continue;
            }
            int op = CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, px, py);
            if (op == 0 && px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by)) {
                return true;
            }
            int sa = CGAlgorithmsDD.orientationIndex(px, py, cx, cy, ax, ay);
            int sb = CGAlgorithmsDD.orientationIndex(px, py, cx, cy, bx, by);
            if ((sa >= 0) == (sb >= 0)) {
                continue;
            }
            if (sa != 0 && sb != 0) {
                // A and B strictly on either side of the segment's line: it crosses the edge if P and the
                // reference point are strictly on either side of the edge's line (neither lies on the edge)
                int oc = CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, cx, cy);
                if (op != oc) {
                    inside = !inside;
                }
            } else {
                // one end lies on the segment's line and counts as left of it: a crossing there if it lies
                // strictly between P and the reference point
                double vx = sa == 0 ? ax : bx;
                double vy = sa == 0 ? ay : by;
                boolean between = px != cx ? (vx > loX && vx < hiX) : (vy > loY && vy < hiY);
                if (between) {
                    inside = !inside;
                }
            }
        }
        return inside;
    }

    /**
     * Adds to {@code out} the ordinals of the areas valid at {@code rank} that cover {@code p} or whose
     * boundary comes within {@code radius} metres of it ({@link #boundaryWithin}).
     */
    void near(GeoPoint p, double radius, int rank, IntList out) {
        // decided: inside (accepted), or never to be measured again (accepted, or no area valid then)
        long[] accepted = new long[(shapes.length + 63) >>> 6];
        long[] decided = new long[accepted.length];
        int node = leaf(p.lon(), p.lat());
        if (node >= 0) {
            for (int e = nodeEntryFrom[node]; e < nodeEntryTo[node]; e++) {
                int shape = entryShape[e];
                if (!anyValid(shape, rank)) {
                    set(decided, shape);
                } else if (covers(e, p.lon(), p.lat())) {
                    set(accepted, shape);
                    set(decided, shape);
                }
            }
        }
        Disc disc = new Disc(p, radius);
        double[] box = disc.box();
        if (box[2] >= minX && box[0] <= maxX && box[3] >= minY && box[1] <= maxY) {
            int c0 = col(box[0]);
            int c1 = col(box[2]);
            int r0 = row(box[1]);
            int r1 = row(box[3]);
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    visit(r * cols + c, minX + c * cellW, minY + r * cellH, minX + (c + 1) * cellW, minY + (r + 1) * cellH,
                            disc, rank, accepted, decided);
                }
            }
        }
        for (int w = 0; w < accepted.length; w++) {
            for (long bits = accepted[w]; bits != 0; bits &= bits - 1) {
                addValid((w << 6) + Long.numberOfTrailingZeros(bits), rank, out);
            }
        }
    }

    /** Measures, in the leaves under {@code node} that meet the disc's box, the edges of shapes not decided yet. */
    private void visit(int node, double x0, double y0, double x1, double y1, Disc disc, int rank, long[] accepted, long[] decided) {
        double[] box = disc.box();
        if (x1 + EPS < box[0] || x0 - EPS > box[2] || y1 + EPS < box[1] || y0 - EPS > box[3]) {
            return;
        }
        int first = child[node];
        if (first >= 0) {
            double mx = midX[node];
            double my = midY[node];
            visit(first, x0, y0, mx, my, disc, rank, accepted, decided);
            visit(first + 1, mx, y0, x1, my, disc, rank, accepted, decided);
            visit(first + 2, x0, my, mx, y1, disc, rank, accepted, decided);
            visit(first + 3, mx, my, x1, y1, disc, rank, accepted, decided);
            return;
        }
        for (int e = nodeEntryFrom[node]; e < nodeEntryTo[node]; e++) {
            int shape = entryShape[e];
            // a shape covering this leaf has its nearest boundary in some other leaf, where it is partial
            if (entryKind[e] == FULL || get(decided, shape)) {
                continue;
            }
            if (!anyValid(shape, rank)) {
                set(decided, shape);
                continue;
            }
            for (int k = 4 * entryEdgeFrom[e], end = 4 * entryEdgeTo[e]; k < end; k += 4) {
                if (disc.mayReach(edges[k], edges[k + 1], edges[k + 2], edges[k + 3])
                        && edgeWithin(disc, edges[k], edges[k + 1], edges[k + 2], edges[k + 3])) {
                    set(accepted, shape);
                    set(decided, shape);
                    break;
                }
            }
        }
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    private static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    /**
     * A disc of {@code radius} metres around {@code centre}, measured as {@link LocalPlane} measures:
     * true distances from the centre on the mean sphere.
     */
    static final class Disc {
        final GeoPoint centre;
        final double radius;
        final LocalPlane plane;
        private final double[] box;

        Disc(GeoPoint centre, double radius) {
            this.centre = centre;
            this.radius = radius;
            this.plane = new LocalPlane(centre);
            // A box that holds every point within the radius on the sphere, widened by 10 % and about a
            // metre, more than the gap between a projected piece of an edge and the edge itself.
            double delta = radius * 1.1 / GeodesicDistance.MEAN_RADIUS;
            double slack = 1e-5;
            double dLat = Math.toDegrees(delta) + slack;
            double cosLat = Math.cos(Math.toRadians(centre.lat()));
            double sinRatio = Math.sin(Math.min(delta, Math.PI / 2)) / cosLat;
            double dLon = sinRatio >= 1 || cosLat <= 0 ? 360 : Math.toDegrees(Math.asin(sinRatio)) + slack;
            box = new double[] {centre.lon() - dLon, centre.lat() - dLat, centre.lon() + dLon, centre.lat() + dLat};
        }

        /** west, south, east, north. */
        double[] box() {
            return box;
        }

        /** False when the edge's box misses the disc's box, so the edge is certainly farther than the radius. */
        boolean mayReach(double ax, double ay, double bx, double by) {
            return !(Math.max(ax, bx) < box[0] || Math.min(ax, bx) > box[2] || Math.max(ay, by) < box[1] || Math.min(ay, by) > box[3]);
        }
    }

    /**
     * True when the edge from (ax, ay) to (bx, by), in degrees, comes within the disc's radius of its
     * centre. The edge is cut into pieces of at most {@value #DENSIFY_DEGREES}° (straight in
     * longitude/latitude, as RFC 7946 draws it), each piece's ends projected into the centre's
     * azimuthal equidistant plane and the piece measured there as a straight segment. This is the
     * definition of "within the radius": the index and any scan use this very function.
     */
    static boolean edgeWithin(Disc disc, double ax, double ay, double bx, double by) {
        return edgeMetres(disc.plane, ax, ay, bx, by) <= disc.radius;
    }

    static double edgeMetres(LocalPlane plane, double ax, double ay, double bx, double by) {
        int pieces = (int) Math.max(1, Math.ceil(Math.max(Math.abs(bx - ax), Math.abs(by - ay)) / DENSIFY_DEGREES));
        double best = Double.POSITIVE_INFINITY;
        double[] a = plane.project(ax, ay);
        for (int i = 1; i <= pieces; i++) {
            double t = (double) i / pieces;
            double[] b = i == pieces ? plane.project(bx, by) : plane.project(ax + t * (bx - ax), ay + t * (by - ay));
            best = Math.min(best, originToSegment(a[0], a[1], b[0], b[1]));
            a = b;
        }
        return best;
    }

    private static double originToSegment(double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double length2 = dx * dx + dy * dy;
        double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
        double x = ax + t * dx;
        double y = ay + t * dy;
        return Math.sqrt(x * x + y * y);
    }

    /** True when some edge of the geometry's rings comes within the disc's radius of its centre ({@link #edgeWithin}). */
    static boolean boundaryWithin(Geometry geometry, Disc disc) {
        for (Polygon polygon : polygons(geometry)) {
            for (LineString ring : rings(polygon)) {
                Coordinate[] c = ring.getCoordinates();
                for (int i = 0; i + 1 < c.length; i++) {
                    if (edgeWithin(disc, c[i].x, c[i].y, c[i + 1].x, c[i + 1].y)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The edges of every ring of the geometry's polygons, four numbers each (ax, ay, bx, by). */
    static double[] edgesOf(Geometry g) {
        DoubleList out = new DoubleList();
        for (Polygon polygon : polygons(g)) {
            for (LineString ring : rings(polygon)) {
                Coordinate[] c = ring.getCoordinates();
                for (int i = 0; i + 1 < c.length; i++) {
                    // a repeated vertex is no edge: it neither holds a point the next edge does not, nor crosses
                    if (c[i].x != c[i + 1].x || c[i].y != c[i + 1].y) {
                        out.add(c[i].x);
                        out.add(c[i].y);
                        out.add(c[i + 1].x);
                        out.add(c[i + 1].y);
                    }
                }
            }
        }
        return out.toArray();
    }

    static List<Polygon> polygons(Geometry geometry) {
        List<Polygon> polygons = new ArrayList<>();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            if (geometry.getGeometryN(i) instanceof Polygon polygon && !polygon.isEmpty()) {
                polygons.add(polygon);
            }
        }
        return polygons;
    }

    private static List<LineString> rings(Polygon polygon) {
        List<LineString> rings = new ArrayList<>();
        rings.add(polygon.getExteriorRing());
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
            rings.add(polygon.getInteriorRingN(h));
        }
        return rings;
    }

    /** Sizes of the index, for the performance notes. */
    record Size(int shapes, int rootCells, int nodes, int leafEntries, int edgeCopies, long arrayBytes) {
    }

    Size size() {
        long bytes = 4L * (child.length + nodeEntryFrom.length + nodeEntryTo.length) + 8L * (midX.length + midY.length)
                + (4L + 1 + 8 + 8 + 4 + 4) * entryShape.length + 8L * edges.length
                + 4L * (shapeStart.length + slotArea.length + slotFrom.length + slotTo.length + areaActor.length)
                + 12L * boundSeconds.length;
        return new Size(shapes.length, cols * rows, child.length, entryShape.length, edges.length / 4, bytes);
    }

    /** A shape under construction in a cell: its edges that may meet the cell, or none when it covers the cell. */
    private record Candidate(int shape, boolean full, int[] edges) {
    }

    /** Geometries compared exactly, coordinates and structure: equal ones share a shape. */
    private static final class ShapeKey {
        private final Geometry geometry;
        private final int hash;

        ShapeKey(Geometry geometry) {
            this.geometry = geometry;
            int h = geometry.getGeometryType().hashCode();
            for (Coordinate c : geometry.getCoordinates()) {
                h = 31 * h + Double.hashCode(c.x);
                h = 31 * h + Double.hashCode(c.y);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShapeKey k && k.hash == hash && (k.geometry == geometry || k.geometry.equalsExact(geometry));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Builder {
        final Geometry[] shapes;
        final double[][] shapeEdges;
        final IndexedPointInAreaLocator[] locators;
        final boolean[] needsLocator;
        final IntList child = new IntList();
        final DoubleList midX = new DoubleList();
        final DoubleList midY = new DoubleList();
        final IntList nodeEntryFrom = new IntList();
        final IntList nodeEntryTo = new IntList();
        final IntList entryShape = new IntList();
        final ByteList entryKind = new ByteList();
        final DoubleList entryRefX = new DoubleList();
        final DoubleList entryRefY = new DoubleList();
        final IntList entryEdgeFrom = new IntList();
        final IntList entryEdgeTo = new IntList();
        final DoubleList edges = new DoubleList();

        Builder(Geometry[] shapes, int roots) {
            this.shapes = shapes;
            shapeEdges = new double[shapes.length][];
            locators = new IndexedPointInAreaLocator[shapes.length];
            needsLocator = new boolean[shapes.length];
            for (int s = 0; s < shapes.length; s++) {
                shapeEdges[s] = edgesOf(shapes[s]);
            }
            for (int i = 0; i < roots; i++) {
                newNode();
            }
        }

        IndexedPointInAreaLocator locator(int shape) {
            if (locators[shape] == null) {
                locators[shape] = new IndexedPointInAreaLocator(shapes[shape]);
            }
            return locators[shape];
        }

        int locate(int shape, double x, double y) {
            return locator(shape).locate(new Coordinate(x, y));
        }

        private int newNode() {
            child.add(-1);
            midX.add(Double.NaN);
            midY.add(Double.NaN);
            nodeEntryFrom.add(0);
            nodeEntryTo.add(0);
            return child.size() - 1;
        }

        void build(int node, double x0, double y0, double x1, double y1, int depth, List<Candidate> candidates) {
            double wx0 = x0 - EPS;
            double wy0 = y0 - EPS;
            double wx1 = x1 + EPS;
            double wy1 = y1 + EPS;
            List<Candidate> kept = new ArrayList<>(candidates.size());
            int partialEdges = 0;
            for (Candidate cand : candidates) {
                if (cand.full()) {
                    kept.add(cand);
                    continue;
                }
                int[] near = meeting(shapeEdges[cand.shape()], cand.edges(), wx0, wy0, wx1, wy1);
                if (near.length == 0) {
                    // no boundary within the widened cell: the shape covers all of it or none of it
                    int where = locate(cand.shape(), (x0 + x1) / 2, (y0 + y1) / 2);
                    if (where == Location.INTERIOR) {
                        kept.add(new Candidate(cand.shape(), true, null));
                    } else if (where == Location.BOUNDARY) {
                        kept.add(cand);
                        partialEdges += cand.edges().length;
                    }
                } else {
                    kept.add(new Candidate(cand.shape(), false, near));
                    partialEdges += near.length;
                }
            }
            if (partialEdges > MAX_LEAF_EDGES && depth < MAX_DEPTH) {
                double mx = (x0 + x1) / 2;
                double my = (y0 + y1) / 2;
                int first = newNode();
                newNode();
                newNode();
                newNode();
                child.set(node, first);
                midX.set(node, mx);
                midY.set(node, my);
                // child order: +1 when x ≥ mid, +2 when y ≥ mid (as the lookup descends)
                build(first, x0, y0, mx, my, depth + 1, kept);
                build(first + 1, mx, y0, x1, my, depth + 1, kept);
                build(first + 2, x0, my, mx, y1, depth + 1, kept);
                build(first + 3, mx, my, x1, y1, depth + 1, kept);
                return;
            }
            nodeEntryFrom.set(node, entryShape.size());
            for (Candidate cand : kept) {
                entryShape.add(cand.shape());
                if (cand.full()) {
                    entryKind.add(FULL);
                    entryRefX.add(0);
                    entryRefY.add(0);
                    entryEdgeFrom.add(0);
                    entryEdgeTo.add(0);
                    continue;
                }
                byte kind = LOCATE;
                double rx = 0;
                double ry = 0;
                for (double[] f : REFERENCE_FRACTIONS) {
                    rx = x0 + f[0] * (x1 - x0);
                    ry = y0 + f[1] * (y1 - y0);
                    int where = locate(cand.shape(), rx, ry);
                    if (where != Location.BOUNDARY) {
                        kind = where == Location.INTERIOR ? PARTIAL_IN : PARTIAL_OUT;
                        break;
                    }
                }
                if (kind == LOCATE) {
                    needsLocator[cand.shape()] = true;
                }
                entryKind.add(kind);
                entryRefX.add(rx);
                entryRefY.add(ry);
                entryEdgeFrom.add(edges.size() / 4);
                double[] e = shapeEdges[cand.shape()];
                for (int k : cand.edges()) {
                    edges.add(e[4 * k]);
                    edges.add(e[4 * k + 1]);
                    edges.add(e[4 * k + 2]);
                    edges.add(e[4 * k + 3]);
                }
                entryEdgeTo.add(edges.size() / 4);
            }
            nodeEntryTo.set(node, entryShape.size());
        }

        /**
         * The edges (of {@code ids}) that may meet the rectangle: their box meets it and their line does
         * not pass clear of it by more than {@value #EPS}°. Keeping an edge that misses is harmless;
         * dropping one that meets is not, hence the margins.
         */
        private static int[] meeting(double[] e, int[] ids, double x0, double y0, double x1, double y1) {
            IntList out = new IntList();
            for (int k : ids) {
                double ax = e[4 * k];
                double ay = e[4 * k + 1];
                double bx = e[4 * k + 2];
                double by = e[4 * k + 3];
                if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) {
                    continue;
                }
                double dx = bx - ax;
                double dy = by - ay;
                // each corner's distance from the edge's line, times the edge's length
                double margin = EPS * Math.sqrt(dx * dx + dy * dy);
                double d1 = dx * (y0 - ay) - dy * (x0 - ax);
                double d2 = dx * (y0 - ay) - dy * (x1 - ax);
                double d3 = dx * (y1 - ay) - dy * (x0 - ax);
                double d4 = dx * (y1 - ay) - dy * (x1 - ax);
                boolean clearLeft = d1 > margin && d2 > margin && d3 > margin && d4 > margin;
                boolean clearRight = d1 < -margin && d2 < -margin && d3 < -margin && d4 < -margin;
                if (!clearLeft && !clearRight) {
                    out.add(k);
                }
            }
            return out.toArray();
        }
    }

    static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void set(int i, int v) {
            values[i] = v;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        void sort() {
            Arrays.sort(values, 0, size);
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private static final class DoubleList {
        private double[] values = new double[8];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void set(int i, double v) {
            values[i] = v;
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private static final class ByteList {
        private byte[] values = new byte[8];
        private int size;

        void add(byte v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        byte[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
