package org.truce.domain.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.time.Interval;

/**
 * A ceasefire instrument as data: its window (valid time, evaluated in its own time zone when it was
 * written down), scope, guarantors, excluded actors and designation lists, obligations, adherents and
 * lifecycle. An extension or amendment is itself an Agreement whose {@code parent} names the original.
 */
public record Agreement(
        String id,
        String title,
        AgreementKind kind,
        String legalBasis,
        String parent,
        List<ActorId> guarantors,
        ZoneId timeZone,
        LocalDate announced,
        Interval window,
        Instant adherenceDeadline,
        String scopeZone,
        List<ActorId> excludedActors,
        List<String> excludedDesignations,
        List<Obligation> obligations,
        List<Adherence> adherents,
        List<LifecycleEvent> lifecycle,
        List<String> sources) {

    public Agreement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(window, "window");
        guarantors = List.copyOf(guarantors);
        excludedActors = List.copyOf(excludedActors);
        excludedDesignations = List.copyOf(excludedDesignations);
        obligations = List.copyOf(obligations);
        adherents = List.copyOf(adherents);
        lifecycle = List.copyOf(lifecycle);
        sources = List.copyOf(sources);
    }

    /** True if {@code at} lies in the agreement's window. Per-party declarations are not considered here. */
    public boolean inWindow(Instant at) {
        return window.contains(at);
    }

    /**
     * The excluded designation lists {@code actor} was on at some time in the agreement's window:
     * an agreement that excludes UNSC-1267-listed groups excludes every group listed in its time.
     */
    public List<String> excludedListsOf(Actor actor) {
        return excludedDesignations.stream()
                .filter(list -> actor.designations().stream().anyMatch(d -> d.list().equals(list)
                        && window.overlaps(Interval.of(d.from(), d.to()))))
                .toList();
    }

    /** True if the agreement names {@code actor} among its excluded actors or excludes a list it was on. */
    public boolean excludes(Actor actor) {
        return excludedActors.contains(actor.id()) || !excludedListsOf(actor).isEmpty();
    }

    /** The declarations {@code party} made of adherence to this agreement. */
    public List<Adherence> adherencesOf(ActorId party) {
        return adherents.stream().filter(a -> a.actor().equals(party)).toList();
    }

    /** When {@code party} declared the agreement over for itself, if it did. */
    public Optional<Instant> declaredOverBy(ActorId party) {
        return lifecycle.stream()
                .filter(e -> e.status() == AgreementStatus.DECLARED_OVER && party.equals(e.by()))
                .map(LifecycleEvent::at)
                .min(Comparator.naturalOrder());
    }

    /** The latest lifecycle status reached on or before {@code at} by the agreement as a whole (steps with no party). */
    public Optional<AgreementStatus> statusAt(Instant at) {
        return lifecycle.stream()
                .filter(e -> e.by() == null && !e.at().isAfter(at))
                .max(Comparator.comparing(LifecycleEvent::at))
                .map(LifecycleEvent::status);
    }
}
