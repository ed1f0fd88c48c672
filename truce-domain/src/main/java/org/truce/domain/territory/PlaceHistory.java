package org.truce.domain.territory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.locationtech.jts.geom.Point;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.time.Interval;

/**
 * The full history of one place: every area of control that ever covered the point, and the timeline
 * of who held it.
 *
 * <p>{@code areas} are ordered by validity (start, then end, open-ended last), then actor id, then area
 * id. A point on an area's boundary counts as covered, as in the control lookup. {@code timeline} cuts
 * time at every start and end of those areas and merges consecutive spans held by the same set of
 * actors; a span inside the history that no area covers is a period with no actors (no recorded
 * control), and the timeline starts at the first area's start. The last period is open-ended when an
 * area covering the point still holds.
 */
public record PlaceHistory(GeoPoint point, List<ControlArea> areas, List<Period> timeline) {
    public PlaceHistory {
        areas = List.copyOf(areas);
        timeline = List.copyOf(timeline);
    }

    /** A span of time in which the same actors held the point ({@code actors} in id order), and the areas that say so. */
    public record Period(Interval validity, List<ActorId> actors, List<ControlArea> areas) {
        public Period {
            actors = List.copyOf(actors);
            areas = List.copyOf(areas);
        }
    }

    public static final Comparator<ControlArea> BY_VALIDITY = Comparator
            .comparing((ControlArea a) -> a.validity().from())
            .thenComparing(a -> a.validity().to(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(a -> a.actor().value())
            .thenComparing(ControlArea::id);

    public static PlaceHistory of(Collection<ControlArea> areas, GeoPoint p) {
        Point point = Geometries.point(p);
        List<ControlArea> covering = areas.stream()
                .filter(a -> a.geometry().getEnvelopeInternal().covers(point.getCoordinate()))
                .filter(a -> a.geometry().covers(point))
                .sorted(BY_VALIDITY)
                .toList();
        return new PlaceHistory(p, covering, timeline(covering));
    }

    private static List<Period> timeline(List<ControlArea> covering) {
        TreeSet<Instant> cuts = new TreeSet<>();
        for (ControlArea a : covering) {
            if (!a.validity().isEmpty()) {
                cuts.add(a.validity().from());
                if (a.validity().to() != null) {
                    cuts.add(a.validity().to());
                }
            }
        }
        boolean openEnded = covering.stream().anyMatch(a -> a.validity().isOpenEnded());
        List<Instant> bounds = new ArrayList<>(cuts);
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            Instant start = bounds.get(i);
            Instant end = i + 1 < bounds.size() ? bounds.get(i + 1) : null;
            if (end == null && !openEnded) {
                break;
            }
            // every area either holds throughout [start, end) or not at all, since no area starts or ends inside it
            List<ControlArea> holding = covering.stream().filter(a -> a.validity().contains(start)).toList();
            List<ActorId> actors = holding.stream().map(ControlArea::actor).distinct().sorted().toList();
            Period last = periods.isEmpty() ? null : periods.get(periods.size() - 1);
            if (last != null && last.actors().equals(actors)) {
                List<ControlArea> merged = new ArrayList<>(last.areas());
                holding.stream().filter(a -> merged.stream().noneMatch(m -> m.id().equals(a.id()))).forEach(merged::add);
                periods.set(periods.size() - 1, new Period(Interval.of(last.validity().from(), end), actors, merged));
            } else {
                periods.add(new Period(Interval.of(start, end), actors, holding));
            }
        }
        return periods;
    }
}
