package org.truce.domain.report;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.truce.domain.geo.Location;
import org.truce.domain.time.Interval;

/**
 * One source's account of one event: when (an interval whose width is the time precision), where
 * (impact point with its precision, optionally the origin of fire), what (ACLED type and sub-type),
 * the reporter's UTC offset (times are shown as the reporter gave them), who (alleged perpetrator and target, or merely involved actors when the source does not say who
 * attacked whom), how many died, who says so and how reliable they are, in their words.
 * {@code externalId} is the identifier in the dataset it was imported from ({@code ucdp-ged:214797}).
 */
public record Report(
        UUID id,
        Interval occurred,
        ZoneOffset localOffset,
        Location location,
        Location origin,
        EventType eventType,
        String subEventType,
        ActorRef perpetrator,
        ActorRef target,
        List<ActorRef> involved,
        Integer fatalities,
        Source source,
        String description,
        String externalId) {

    public Report {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurred, "occurred");
        Objects.requireNonNull(localOffset, "localOffset");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(subEventType, "subEventType");
        Objects.requireNonNull(source, "source");
        if (occurred.isOpenEnded()) {
            throw new IllegalArgumentException("a report's time must have an end");
        }
        if (!eventType.hasSubType(subEventType)) {
            throw new IllegalArgumentException("'" + subEventType + "' is not a sub-event type of '" + eventType.label() + "'");
        }
        if (fatalities != null && fatalities < 0) {
            throw new IllegalArgumentException("fatalities must not be negative");
        }
        involved = List.copyOf(involved);
    }
}
