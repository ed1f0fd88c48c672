package org.truce.domain.territory;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.truce.domain.geo.GeoPoint;

/**
 * Where a point lies relative to a named line: which side, how far, whether within the line's buffer.
 *
 * <p><b>Side</b> ({@link Side}) is taken relative to the direction in which the line is digitised, at
 * its point nearest to P: {@code LEFT} or {@code RIGHT} as seen walking along the line, {@code ON}
 * within {@value #ON_LINE_METRES} m of it. Where the nearest point is a vertex, the side is that of the
 * corner's region (at a left turn a point is on the left only if it is left of both segments; at a
 * right turn, mirrored), so the answer changes only across the line. For a river digitised downstream
 * the right side is the right bank. Each part of a MultiLineString has its own direction.
 *
 * <p><b>Compass side</b> names the same side by a cardinal direction (east, west, north, south): the one
 * nearest to the perpendicular, on P's side, of the line's general course near P, which is the chord
 * between the points {@value #COURSE_METRES} m before and after the nearest point along the line
 * (fewer at an end of a part); east/west wins a tie. The chord keeps meanders from renaming the banks:
 * a river flowing south has an east and a west bank along its whole course, and "east of the
 * Euphrates" is answered whatever way the line was digitised.
 *
 * <p><b>Beyond an end</b>: when the nearest point is an end of the line and P lies past it (across the
 * perpendicular to the last segment), P is on neither side: {@code beyondEnd} is true and both sides
 * are null. An end within {@value #JUNCTION_METRES} m of another part of the line is a junction, not an end.
 *
 * <p><b>Distance</b> is the WGS 84 geodesic distance ({@link GeodesicDistance}) from P to the nearest
 * point. That point is found in an azimuthal equidistant plane centred on P (distances from P true on
 * the sphere), with the line's edges subdivided every {@value #DENSIFY_DEGREES}° so that each is drawn as
 * RFC 7946 draws it, straight in longitude/latitude. The sphere only chooses the foot of the
 * perpendicular, to which the distance is stationary; the error is below 0.01 % of the distance plus a
 * few centimetres. {@code withinBuffer} compares it with the line's buffer (a buffer with round ends:
 * a point beyond an end but near it is within), or is null when the line has none.
 */
public record LinePosition(String lineId, Side side, Compass compassSide, boolean beyondEnd, double distanceMetres,
                           GeoPoint nearest, Double bufferMeters, Boolean withinBuffer) {
    public enum Side { LEFT, RIGHT, ON }

    public enum Compass { NORTH, EAST, SOUTH, WEST }

    static final double ON_LINE_METRES = 0.001;
    static final double JUNCTION_METRES = 1.0;
    static final double DENSIFY_DEGREES = 0.01;
    static final double COURSE_METRES = 25_000;

    /** One part of the line in the local plane, consecutive repeated vertices dropped. */
    private record Part(double[] x, double[] y, boolean closed) {
        int size() {
            return x.length;
        }
    }

    public static LinePosition of(NamedLine line, GeoPoint p) {
        LocalPlane plane = new LocalPlane(p);
        List<Part> parts = parts(line.geometry(), plane);
        int bestPart = -1;
        int bestSegment = -1;
        double bestT = 0;
        double bestD2 = Double.POSITIVE_INFINITY;
        double cx = 0;
        double cy = 0;
        for (int k = 0; k < parts.size(); k++) {
            Part part = parts.get(k);
            if (part.size() == 1 && part.x()[0] * part.x()[0] + part.y()[0] * part.y()[0] < bestD2) {
                bestPart = k;
                bestSegment = -1;
                bestD2 = part.x()[0] * part.x()[0] + part.y()[0] * part.y()[0];
                cx = part.x()[0];
                cy = part.y()[0];
            }
            for (int i = 0; i + 1 < part.size(); i++) {
                double ax = part.x()[i];
                double ay = part.y()[i];
                double dx = part.x()[i + 1] - ax;
                double dy = part.y()[i + 1] - ay;
                double t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
                double px = ax + t * dx;
                double py = ay + t * dy;
                double d2 = px * px + py * py;
                // strictly smaller: among equally near points the first in digitised order wins
                if (d2 < bestD2) {
                    bestD2 = d2;
                    bestPart = k;
                    bestSegment = i;
                    bestT = t;
                    cx = px;
                    cy = py;
                }
            }
        }
        if (bestPart < 0) {
            throw new IllegalArgumentException("line " + line.id() + " has no positions");
        }
        GeoPoint nearest = plane.unproject(cx, cy);
        double distance = GeodesicDistance.metres(p, nearest);
        Boolean within = line.bufferMeters() == null ? null : distance <= line.bufferMeters();
        if (distance <= ON_LINE_METRES) {
            return new LinePosition(line.id(), Side.ON, null, false, distance, nearest, line.bufferMeters(), within);
        }
        Part part = parts.get(bestPart);
        double wx = -cx;
        double wy = -cy;
        int n = part.size();
        double sign;
        if (bestSegment < 0) {
            return new LinePosition(line.id(), null, null, true, distance, nearest, line.bufferMeters(), within);
        }
        int vertex = bestT == 0 ? bestSegment : bestT == 1 ? bestSegment + 1 : -1;
        boolean end = vertex == 0 || vertex == n - 1;
        if (vertex < 0) {
            sign = cross(part.x()[bestSegment + 1] - part.x()[bestSegment], part.y()[bestSegment + 1] - part.y()[bestSegment], wx, wy);
        } else if (!end || part.closed()) {
            int previous = vertex == 0 ? n - 2 : vertex - 1;
            int next = vertex == n - 1 ? 1 : vertex + 1;
            sign = corner(part, previous, vertex, next, wx, wy);
        } else {
            double dx = vertex == 0 ? part.x()[1] - part.x()[0] : part.x()[n - 1] - part.x()[n - 2];
            double dy = vertex == 0 ? part.y()[1] - part.y()[0] : part.y()[n - 1] - part.y()[n - 2];
            double outward = vertex == 0 ? -(dx * wx + dy * wy) : dx * wx + dy * wy;
            if (outward > 0 && !junction(parts, bestPart, part.x()[vertex], part.y()[vertex])) {
                return new LinePosition(line.id(), null, null, true, distance, nearest, line.bufferMeters(), within);
            }
            sign = cross(dx, dy, wx, wy);
        }
        Side side = sign > 0 ? Side.LEFT : sign < 0 ? Side.RIGHT : null;
        Compass compass = null;
        if (side != null) {
            double[] back = along(part, bestSegment, bestT, -COURSE_METRES);
            double[] ahead = along(part, bestSegment, bestT, COURSE_METRES);
            double courseX = ahead[0] - back[0];
            double courseY = ahead[1] - back[1];
            // the left perpendicular of the course is (−y, x); the right one its opposite
            compass = side == Side.LEFT ? compass(-courseY, courseX) : compass(courseY, -courseX);
        }
        return new LinePosition(line.id(), side, compass, false, distance, nearest, line.bufferMeters(), within);
    }

    /** The point {@code metres} along the part (backwards when negative) from the point at parameter t of a segment, stopping at the part's ends. */
    private static double[] along(Part part, int segment, double t, double metres) {
        double x = part.x()[segment] + t * (part.x()[segment + 1] - part.x()[segment]);
        double y = part.y()[segment] + t * (part.y()[segment + 1] - part.y()[segment]);
        double left = Math.abs(metres);
        int step = metres < 0 ? -1 : 1;
        int next = metres < 0 ? segment : segment + 1;
        while (left > 0 && next >= 0 && next < part.size()) {
            double dx = part.x()[next] - x;
            double dy = part.y()[next] - y;
            double length = Math.hypot(dx, dy);
            if (length >= left) {
                return new double[] {x + dx * left / length, y + dy * left / length};
            }
            left -= length;
            x = part.x()[next];
            y = part.y()[next];
            next += step;
        }
        return new double[] {x, y};
    }

    /** Positive when P is on the left of the corner previous → vertex → next, negative on the right. */
    private static double corner(Part part, int previous, int vertex, int next, double wx, double wy) {
        double d1x = part.x()[vertex] - part.x()[previous];
        double d1y = part.y()[vertex] - part.y()[previous];
        double d2x = part.x()[next] - part.x()[vertex];
        double d2y = part.y()[next] - part.y()[vertex];
        double s1 = Math.signum(cross(d1x, d1y, wx, wy));
        double s2 = Math.signum(cross(d2x, d2y, wx, wy));
        double turn = cross(d1x, d1y, d2x, d2y);
        if (turn > 0) {
            // a left turn: the left region near the vertex is the intersection of both left half-planes
            return s1 > 0 && s2 > 0 ? 1 : -1;
        }
        if (turn < 0) {
            return s1 < 0 && s2 < 0 ? -1 : 1;
        }
        return s1 != 0 ? s1 : s2;
    }

    private static double cross(double ax, double ay, double bx, double by) {
        return ax * by - ay * bx;
    }

    private static Compass compass(double wx, double wy) {
        if (Math.abs(wx) >= Math.abs(wy)) {
            return wx > 0 ? Compass.EAST : Compass.WEST;
        }
        return wy > 0 ? Compass.NORTH : Compass.SOUTH;
    }

    /** True when another part passes within {@link #JUNCTION_METRES} of (x, y). */
    private static boolean junction(List<Part> parts, int own, double x, double y) {
        for (int k = 0; k < parts.size(); k++) {
            if (k == own) {
                continue;
            }
            Part part = parts.get(k);
            for (int i = 0; i < part.size(); i++) {
                double ax = part.x()[i] - x;
                double ay = part.y()[i] - y;
                double d2;
                if (i + 1 < part.size()) {
                    double dx = part.x()[i + 1] - part.x()[i];
                    double dy = part.y()[i + 1] - part.y()[i];
                    double t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
                    d2 = (ax + t * dx) * (ax + t * dx) + (ay + t * dy) * (ay + t * dy);
                } else {
                    d2 = ax * ax + ay * ay;
                }
                if (d2 <= JUNCTION_METRES * JUNCTION_METRES) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Part> parts(Geometry geometry, LocalPlane plane) {
        List<Part> parts = new ArrayList<>();
        for (int g = 0; g < geometry.getNumGeometries(); g++) {
            Coordinate[] c = geometry.getGeometryN(g).getCoordinates();
            if (c.length == 0) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < c.length; i++) {
                int steps = 1;
                if (i + 1 < c.length) {
                    steps = Math.max(1, (int) Math.ceil(Math.max(Math.abs(c[i + 1].x - c[i].x), Math.abs(c[i + 1].y - c[i].y)) / DENSIFY_DEGREES));
                }
                int last = i + 1 < c.length ? steps : 1;
                for (int s = 0; s < last; s++) {
                    double f = (double) s / steps;
                    double[] xy = i + 1 < c.length
                            ? plane.project(c[i].x + f * (c[i + 1].x - c[i].x), c[i].y + f * (c[i + 1].y - c[i].y))
                            : plane.project(c[i].x, c[i].y);
                    double[] previous = points.isEmpty() ? null : points.get(points.size() - 1);
                    if (previous == null || previous[0] != xy[0] || previous[1] != xy[1]) {
                        points.add(xy);
                    }
                }
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            boolean closed = c.length > 2 && c[0].equals2D(c[c.length - 1]) && x.length > 2;
            parts.add(new Part(x, y, closed));
        }
        return parts;
    }
}
