package org.truce.domain.territory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;

/**
 * The recorded areas of control, answering "who held point P at instant T". Immutable.
 *
 * <p>A point on the boundary of an area counts as inside it ("covers", not "contains"), so a point on
 * a border shared by two actors' areas is answered {@code CONTESTED} with both: deterministic, and it
 * never hides a claimant. Controllers are ordered by actor id, then area id.
 */
public final class Territory {
    private final List<ControlArea> areas;
    private final STRtree index = new STRtree();

    private record Indexed(ControlArea area, PreparedGeometry prepared) {
    }

    public Territory(List<ControlArea> areas) {
        this.areas = List.copyOf(areas);
        for (ControlArea area : this.areas) {
            Envelope envelope = area.geometry().getEnvelopeInternal();
            index.insert(envelope, new Indexed(area, PreparedGeometryFactory.prepare(area.geometry())));
        }
        index.build();
    }

    public List<ControlArea> areas() {
        return areas;
    }

    /** The areas valid at {@code at}, in id order. */
    public List<ControlArea> at(Instant at) {
        return areas.stream()
                .filter(a -> a.validity().contains(at))
                .sorted(Comparator.comparing(ControlArea::id))
                .toList();
    }

    /** Who controlled {@code p} at {@code at}. */
    public ControlAnswer controlAt(GeoPoint p, Instant at) {
        Point point = Geometries.point(p);
        @SuppressWarnings("unchecked")
        List<Indexed> candidates = index.query(point.getEnvelopeInternal());
        List<ControlArea> holding = candidates.stream()
                .filter(c -> c.area().validity().contains(at))
                .filter(c -> c.prepared().covers(point))
                .map(Indexed::area)
                .sorted(Comparator.comparing((ControlArea a) -> a.actor().value()).thenComparing(ControlArea::id))
                .toList();
        Set<ActorId> actors = holding.stream().map(ControlArea::actor).collect(Collectors.toSet());
        ControlAnswer.Status status = switch (actors.size()) {
            case 0 -> ControlAnswer.Status.NONE;
            case 1 -> ControlAnswer.Status.SINGLE;
            default -> ControlAnswer.Status.CONTESTED;
        };
        return new ControlAnswer(status, holding);
    }
}
