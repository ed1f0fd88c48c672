package org.truce.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.truce.domain.actor.ActorDirectory;
import org.truce.domain.actor.Actor;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.geo.Location;
import org.truce.domain.problem.Problems;
import org.truce.domain.time.Interval;

/**
 * Turns a {@link ReportDraft} into a {@link Report}, or lists every problem with it. Pure: the
 * current instant and the actor directory are arguments.
 */
public final class ReportRules {
    /** Earliest event time Truce accepts; older "events" are typing mistakes. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Clock skew allowed between a reporter's device and Truce. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofHours(24);
    /** Widest time interval a report may give (UCDP's coarsest precision is a year). */
    public static final Duration LONGEST_INTERVAL = Duration.ofDays(400);
    /** Keeps a report's entry within one log entry's 64 KiB even in four-byte scripts. */
    public static final int MAX_DESCRIPTION_CHARS = 10_000;
    public static final int MAX_NAME_CHARS = 300;
    public static final int MAX_INVOLVED = 20;
    public static final long MAX_FATALITIES = 1_000_000;

    private ReportRules() {
    }

    /** The outcome of validation: a report, or the problems that prevented it. */
    public record Outcome(Report report, Problems problems) {
        public boolean isValid() {
            return problems.isEmpty();
        }
    }

    public static Outcome validate(ReportDraft draft, UUID id, Instant now, ActorDirectory actors) {
        Problems problems = new Problems();
        Interval occurred = occurred(draft, now, problems);
        Location location = place(draft.location(), "location", true, problems);
        Location origin = place(draft.origin(), "origin", false, problems);
        EventType type = eventType(draft, problems);
        Source source = source(draft.source(), problems);
        checkFatalities(draft.fatalities(), problems);
        checkText(draft.description(), "description", MAX_DESCRIPTION_CHARS, false, problems);
        checkText(draft.perpetrator(), "perpetrator", MAX_NAME_CHARS, false, problems);
        checkText(draft.target(), "target", MAX_NAME_CHARS, false, problems);
        checkText(draft.externalId(), "external_id", MAX_NAME_CHARS, false, problems);
        List<ActorRef> involved = involved(draft.involved(), actors, problems);
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        Report report = new Report(id, occurred, OffsetDateTime.parse(draft.occurredFrom()).getOffset(), location, origin, type, draft.subEventType(),
                ref(draft.perpetrator(), actors), ref(draft.target(), actors), involved,
                draft.fatalities() == null ? null : draft.fatalities().intValue(), source,
                draft.description(), draft.externalId());
        return new Outcome(report, problems);
    }

    private static Interval occurred(ReportDraft draft, Instant now, Problems problems) {
        Instant from = instant(draft.occurredFrom(), "occurred_from", now, problems);
        Instant to = instant(draft.occurredTo(), "occurred_to", now, problems);
        if (from == null || to == null) {
            return null;
        }
        if (to.isBefore(from)) {
            problems.add("occurred_to", "must not be before occurred_from (" + draft.occurredFrom() + ")");
            return null;
        }
        if (Duration.between(from, to).compareTo(LONGEST_INTERVAL) > 0) {
            problems.add("occurred_to", "the interval may span at most " + LONGEST_INTERVAL.toDays() + " days");
            return null;
        }
        return Interval.of(from, to);
    }

    private static Instant instant(String text, String field, Instant now, Problems problems) {
        if (text == null) {
            problems.add(field, "is required (an ISO 8601 date-time with offset, e.g. 2016-05-06T10:00:00+03:00)");
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(field, "must be an ISO 8601 date-time with offset, e.g. 2016-05-06T10:00:00+03:00; got '" + clip(text) + "'");
            return null;
        }
        if (instant.isBefore(EARLIEST)) {
            problems.add(field, "must not be before " + EARLIEST);
            return null;
        }
        if (instant.isAfter(now.plus(FUTURE_TOLERANCE))) {
            problems.add(field, "lies in the future (" + text + ")");
            return null;
        }
        return instant;
    }

    private static Location place(ReportDraft.PlaceDraft place, String field, boolean required, Problems problems) {
        if (place == null) {
            problems.check(!required, field, "is required: {\"lat\": …, \"lon\": …, \"precision_m\": …}");
            return null;
        }
        boolean ok = problems.check(place.lat() != null, field + ".lat", "is required");
        ok &= problems.check(place.lon() != null, field + ".lon", "is required");
        ok &= problems.check(place.precisionMeters() != null, field + ".precision_m", "is required (metres)");
        if (place.lat() != null) {
            ok &= problems.check(GeoPoint.isValidLatitude(place.lat()), field + ".lat", "must be within [-90, 90], got " + place.lat());
        }
        if (place.lon() != null) {
            ok &= problems.check(GeoPoint.isValidLongitude(place.lon()), field + ".lon", "must be within [-180, 180], got " + place.lon());
        }
        Double precision = place.precisionMeters();
        if (precision != null) {
            ok &= problems.check(Double.isFinite(precision) && precision >= 0 && precision <= Location.MAX_PRECISION_METERS,
                    field + ".precision_m", "must be within [0, " + Location.MAX_PRECISION_METERS + "] metres, got " + precision);
        }
        if (!ok) {
            return null;
        }
        return new Location(new GeoPoint(place.lat(), place.lon()), (int) Math.round(precision));
    }

    private static EventType eventType(ReportDraft draft, Problems problems) {
        if (draft.eventType() == null) {
            problems.add("event_type", "is required, one of " + EventType.labels());
            return null;
        }
        Optional<EventType> type = EventType.ofLabel(draft.eventType());
        if (type.isEmpty()) {
            problems.add("event_type", "must be one of " + EventType.labels() + ", got '" + clip(draft.eventType()) + "'");
            return null;
        }
        if (draft.subEventType() == null) {
            problems.add("sub_event_type", "is required, one of " + type.get().subTypes());
            return null;
        }
        if (!type.get().hasSubType(draft.subEventType())) {
            problems.add("sub_event_type", "must be one of " + type.get().subTypes() + " for '" + type.get().label()
                    + "', got '" + clip(draft.subEventType()) + "'");
            return null;
        }
        return type.get();
    }

    private static Source source(ReportDraft.SourceDraft source, Problems problems) {
        if (source == null) {
            problems.add("source", "is required: {\"name\": …, \"reliability\": \"A\"…\"F\", \"credibility\": 1…6}");
            return null;
        }
        boolean ok = checkText(source.name(), "source.name", MAX_NAME_CHARS, true, problems);
        Reliability reliability = null;
        if (source.reliability() == null) {
            ok = problems.check(false, "source.reliability", "is required, one of A, B, C, D, E, F");
        } else {
            try {
                reliability = Reliability.valueOf(source.reliability());
            } catch (IllegalArgumentException e) {
                ok = problems.check(false, "source.reliability", "must be one of A, B, C, D, E, F; got '" + clip(source.reliability()) + "'");
            }
        }
        Long credibility = source.credibility();
        ok &= problems.check(credibility != null, "source.credibility", "is required, an integer 1…6");
        if (credibility != null) {
            ok &= problems.check(credibility >= 1 && credibility <= 6, "source.credibility", "must be within 1…6, got " + credibility);
        }
        return ok ? new Source(source.name(), reliability, credibility.intValue()) : null;
    }

    private static void checkFatalities(Long fatalities, Problems problems) {
        if (fatalities != null) {
            problems.check(fatalities >= 0 && fatalities <= MAX_FATALITIES, "fatalities",
                    "must be within 0…" + MAX_FATALITIES + ", got " + fatalities);
        }
    }

    private static boolean checkText(String text, String field, int maxChars, boolean required, Problems problems) {
        if (text == null) {
            return problems.check(!required, field, "is required");
        }
        if (required && text.isBlank()) {
            return problems.check(false, field, "must not be blank");
        }
        return problems.check(text.length() <= maxChars, field, "must be at most " + maxChars + " characters, got " + text.length());
    }

    private static List<ActorRef> involved(List<String> names, ActorDirectory actors, Problems problems) {
        List<ActorRef> refs = new ArrayList<>();
        if (names == null) {
            return refs;
        }
        if (!problems.check(names.size() <= MAX_INVOLVED, "involved", "may name at most " + MAX_INVOLVED + " actors")) {
            return refs;
        }
        for (int i = 0; i < names.size(); i++) {
            if (checkText(names.get(i), "involved[" + i + "]", MAX_NAME_CHARS, true, problems)) {
                refs.add(ref(names.get(i), actors));
            }
        }
        return refs;
    }

    private static ActorRef ref(String name, ActorDirectory actors) {
        if (name == null) {
            return null;
        }
        return new ActorRef(name, actors.resolve(name).map(Actor::id).orElse(null));
    }

    private static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
