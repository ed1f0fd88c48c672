package org.truce.domain.actor;

import java.time.Instant;
import java.util.List;
import org.truce.domain.problem.Problems;

/**
 * What an actor must satisfy to be recorded, beyond the shape of its document: dates within reason,
 * one name at a time, no designation or affiliation counted twice. Checked on every new actor and
 * every amendment, never on replay: an entry recorded under older rules must still replay.
 */
public final class ActorRules {
    /** No actor of a 20th- or 21st-century conflict has a date before this. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Dates beyond this are typing errors (2106 for 2016), not plans. */
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private ActorRules() {
    }

    /** Adds a problem for each rule {@code actor} breaks; {@code at} is its path ("" for a whole document). */
    public static void check(Actor actor, String at, Problems problems) {
        problems.check(!actor.name().isBlank(), path(at, "name"), "must not be blank");
        checkRenamings(actor, at, problems);
        for (int i = 0; i < actor.aliases().size(); i++) {
            Alias a = actor.aliases().get(i);
            String p = path(at, "aliases[" + i + "]");
            inRange(a.validFrom(), p + ".valid_from", problems);
            inRange(a.validTo(), p + ".valid_to", problems);
            problems.check(!a.lang().isBlank(), p + ".lang", "must not be blank (en, ar, ru, ...)");
        }
        List<Designation> designations = actor.designations();
        for (int j = 0; j < designations.size(); j++) {
            Designation d = designations.get(j);
            String p = path(at, "designations[" + j + "]");
            inRange(d.from(), p + ".from", problems);
            inRange(d.to(), p + ".to", problems);
            for (int i = 0; i < j; i++) {
                Designation e = designations.get(i);
                if (e.list().equals(d.list()) && overlap(e.from(), e.to(), d.from(), d.to())) {
                    problems.add(p, "overlaps designations[" + i + "] on the same list " + d.list()
                            + ": one listing has one interval (end the first before the second starts, or merge them)");
                }
            }
        }
        List<Affiliation> affiliations = actor.affiliations();
        for (int j = 0; j < affiliations.size(); j++) {
            Affiliation f = affiliations.get(j);
            String p = path(at, "affiliations[" + j + "]");
            inRange(f.from(), p + ".from", problems);
            inRange(f.to(), p + ".to", problems);
            if (f.from() != null && f.to() != null && f.to().isBefore(f.from())) {
                problems.add(p + ".to", "must not be before from");
            }
            problems.check(!f.actor().equals(actor.id()), p + ".actor", "is this actor itself");
            for (int i = 0; i < j; i++) {
                Affiliation e = affiliations.get(i);
                if (e.actor().equals(f.actor()) && e.relation() == f.relation() && overlap(e.from(), e.to(), f.from(), f.to())) {
                    problems.add(p, "overlaps affiliations[" + i + "]: the same relation to '" + f.actor() + "' at the same time");
                }
            }
        }
    }

    /** One name at a time: two renamings cannot take effect at one instant, and a renaming must change the name. */
    private static void checkRenamings(Actor actor, String at, Problems problems) {
        List<Renaming> renamings = actor.renamings();
        for (int j = 0; j < renamings.size(); j++) {
            Renaming r = renamings.get(j);
            String p = path(at, "renamings[" + j + "]");
            inRange(r.on(), p + ".on", problems);
            problems.check(!r.name().isBlank(), p + ".name", "must not be blank");
            for (int i = 0; i < j; i++) {
                if (renamings.get(i).on().equals(r.on())) {
                    problems.add(p + ".on", "is also the date of renamings[" + i + "]: the actor cannot take two names at once");
                }
            }
            String before = nameJustBefore(actor, r.on());
            if (NameKey.of(before).equals(NameKey.of(r.name())) && !r.name().isBlank()) {
                problems.add(p + ".name", "is the name the actor already had then ('" + before + "'): a renaming changes the name");
            }
        }
    }

    private static String nameJustBefore(Actor actor, Instant on) {
        Renaming latest = null;
        for (Renaming r : actor.renamings()) {
            if (r.on().isBefore(on) && (latest == null || r.on().isAfter(latest.on()))) {
                latest = r;
            }
        }
        return latest == null ? actor.name() : latest.name();
    }

    private static void inRange(Instant instant, String path, Problems problems) {
        if (instant != null && (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST))) {
            problems.add(path, "must be between 1900 and 2099, got " + instant);
        }
    }

    /** Whether half-open intervals (null: unbounded) share an instant; an empty interval shares none. */
    static boolean overlap(Instant aFrom, Instant aTo, Instant bFrom, Instant bTo) {
        if (empty(aFrom, aTo) || empty(bFrom, bTo)) {
            return false;
        }
        return (aFrom == null || bTo == null || aFrom.isBefore(bTo)) && (bFrom == null || aTo == null || bFrom.isBefore(aTo));
    }

    private static boolean empty(Instant from, Instant to) {
        return from != null && to != null && !from.isBefore(to);
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }
}
