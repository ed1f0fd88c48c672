package org.truce.domain.territory;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;

/**
 * The recorded areas of control, answering "who held point P at instant T". Immutable and safe to
 * share between threads.
 *
 * <p><b>What counts.</b> An area answers when it is valid at the instant (its half-open validity
 * {@code [from, to)} contains it) and covers the point. With a radius (a report's precision, in
 * metres), every valid area that covers the point or whose boundary comes within the radius of it
 * answers: every area meeting the disc is a candidate. Distances are true distances on the mean
 * sphere from the point, measured in its azimuthal equidistant plane with edges cut every
 * {@value ControlIndex#DENSIFY_DEGREES}° (to a few centimetres of the ellipsoidal distance at a report's
 * scale).
 *
 * <p><b>Borders.</b> A point on the boundary of an area counts as inside it ("covers", not
 * "contains"), decided exactly (robust predicates, no tolerance). So a point exactly on a border shared
 * by two actors' areas is answered with both ({@code CONTESTED}, or {@code MIXED} when one of them is
 * excluded): deterministic, and it never hides a claimant.
 *
 * <p><b>Status</b> ({@link ControlAnswer.Status}): {@code NONE} when no area answers; {@code SINGLE}
 * when the answering areas are all one actor's (whether or not the agreements exclude it);
 * {@code MIXED} when both actors the agreements exclude and actors they cover share the ground;
 * {@code CONTESTED} when several actors share it and all of them are covered, or all excluded. Who is
 * excluded is the caller's to say (it depends on the agreements in force), as a predicate on actor ids.
 * Controllers are ordered by actor id, then area id.
 *
 * <p><b>Cost.</b> The lookup runs on {@link ControlIndex}, an adaptive grid whose cells know the areas
 * that cover them whole; see there, and docs/PERFORMANCE.md for the figures.
 */
public final class Territory {
    private static final Predicate<ActorId> NOBODY = id -> false;

    private final List<ControlArea> areas;
    private final ControlIndex index;

    public Territory(List<ControlArea> areas) {
        this.areas = List.copyOf(areas);
        this.index = new ControlIndex(this.areas);
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

    /** Who controlled {@code p} at {@code at}, nobody excluded (so never {@code MIXED}). */
    public ControlAnswer controlAt(GeoPoint p, Instant at) {
        return controlAt(p, at, 0, NOBODY);
    }

    /**
     * Who controlled {@code p}, or ground within {@code radiusMetres} of it (0 for the point alone), at
     * {@code at}; {@code excluded} says which actors the agreements in force exclude.
     */
    public ControlAnswer controlAt(GeoPoint p, Instant at, double radiusMetres, Predicate<ActorId> excluded) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(excluded, "excluded");
        if (!(radiusMetres >= 0) || Double.isInfinite(radiusMetres)) {
            throw new IllegalArgumentException("the radius must be a finite number of metres, 0 or more; got " + radiusMetres);
        }
        int rank = index.rank(at);
        ControlIndex.IntList hits = new ControlIndex.IntList();
        if (radiusMetres == 0) {
            index.covering(p.lon(), p.lat(), rank, hits);
        } else {
            index.near(p, radiusMetres, rank, hits);
        }
        return answer(hits, excluded);
    }

    private ControlAnswer answer(ControlIndex.IntList hits, Predicate<ActorId> excluded) {
        int n = hits.size();
        if (n == 0) {
            return new ControlAnswer(ControlAnswer.Status.NONE, List.of());
        }
        // ordinals are in answer order (actor id, then area id): sorting them orders the controllers
        hits.sort();
        ControlArea[] controllers = new ControlArea[n];
        int actors = 0;
        boolean anyExcluded = false;
        boolean anyCovered = false;
        int previousActor = -1;
        for (int i = 0; i < n; i++) {
            int ordinal = hits.get(i);
            controllers[i] = index.areas[ordinal];
            int actor = index.areaActor[ordinal];
            if (actor != previousActor) {
                actors++;
                previousActor = actor;
                if (excluded.test(controllers[i].actor())) {
                    anyExcluded = true;
                } else {
                    anyCovered = true;
                }
            }
        }
        ControlAnswer.Status status = actors == 1 ? ControlAnswer.Status.SINGLE
                : anyExcluded && anyCovered ? ControlAnswer.Status.MIXED : ControlAnswer.Status.CONTESTED;
        return new ControlAnswer(status, Arrays.asList(controllers));
    }

    /** How big the index is: shapes (distinct geometries), grid nodes, leaf entries, edge copies, bytes of its arrays. */
    public record IndexSize(int shapes, int rootCells, int nodes, int leafEntries, int edgeCopies, long arrayBytes) {
    }

    public IndexSize indexSize() {
        ControlIndex.Size s = index.size();
        return new IndexSize(s.shapes(), s.rootCells(), s.nodes(), s.leafEntries(), s.edgeCopies(), s.arrayBytes());
    }
}
