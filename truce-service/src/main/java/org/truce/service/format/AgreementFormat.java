package org.truce.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.truce.domain.actor.ActorId;
import org.truce.domain.agreement.Adherence;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.agreement.AgreementKind;
import org.truce.domain.agreement.AgreementStatus;
import org.truce.domain.agreement.AppliesTo;
import org.truce.domain.agreement.LifecycleEvent;
import org.truce.domain.agreement.Obligation;
import org.truce.domain.agreement.ObligationCode;
import org.truce.domain.problem.Problems;
import org.truce.domain.time.Interval;

/**
 * The agreement JSON form ({@code truce-agreements/1}, docs/formats.md). Every time is local to the
 * agreement's own {@code time_zone}, as the instrument states it (27 Feb 2016 00:00 Damascus); the
 * payload in the log writes the same times with their offset, so no reader needs a time-zone database
 * to know the instant.
 */
public final class AgreementFormat {
    public static final String FORMAT = "truce-agreements/1";

    private AgreementFormat() {
    }

    public static List<Agreement> document(JsonNode doc, Problems problems) {
        Fields root = Fields.root(doc, "", problems);
        String format = root.string("format");
        if (format != null && !FORMAT.equals(format)) {
            problems.add("format", "must be '" + FORMAT + "', got '" + Fields.clip(format) + "'");
        }
        return root.list("agreements", true, (node, at) -> agreement(node, at, problems));
    }

    public static Agreement agreement(JsonNode node, String at, Problems problems) {
        int before = problems.list().size();
        Fields f = Fields.root(node, at, problems);
        String id = f.string("id");
        String title = f.string("title");
        AgreementKind kind = Formats.enumValue(f, "kind", AgreementKind.class, true);
        String zoneId = f.string("time_zone");
        ZoneId zone = zoneId == null ? null : Formats.zoneOf(zoneId, f.path("time_zone"), problems);
        if (zone == null) {
            return null;
        }
        LocalDate announced = date(f, "announced");
        Instant from = f.localInstant("effective_from", true, zone);
        Instant until = f.localInstant("effective_until", false, zone);
        if (from != null && until != null && !until.isAfter(from)) {
            problems.add(f.path("effective_until"), "must be after effective_from");
        }
        Instant deadline = f.localInstant("adherence_deadline", false, zone);
        Fields scope = f.object("scope", false);
        String scopeZone = scope == null ? null : scope.string("zone");
        List<ActorId> guarantors = actorIds(f, "guarantors");
        List<ActorId> excluded = actorIds(f, "excluded_actors");
        List<String> designations = f.strings("excluded_designations", false);
        List<Obligation> obligations = f.list("obligations", false, (n, p) -> obligation(n, p, problems));
        List<Adherence> adherents = f.list("adherents", false, (n, p) -> adherence(n, p, zone, problems));
        List<LifecycleEvent> lifecycle = f.list("lifecycle", false, (n, p) -> lifecycle(n, p, zone, problems));
        List<String> sources = f.strings("sources", false);
        if (problems.list().size() > before) {
            return null;
        }
        return new Agreement(id, title, kind, f.optString("legal_basis"), f.optString("parent"), guarantors, zone,
                announced, Interval.of(from, until), deadline, scopeZone, excluded, designations, obligations,
                adherents, lifecycle, sources);
    }

    private static LocalDate date(Fields f, String field) {
        String text = f.optString(field);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            f.problems().add(f.path(field), "must be a date such as 2016-02-22, got '" + Fields.clip(text) + "'");
            return null;
        }
    }

    private static List<ActorId> actorIds(Fields f, String field) {
        return f.list(field, false, (n, at) -> {
            if (!n.isTextual() || !ActorId.isValid(n.textValue())) {
                f.problems().add(at, "must be an actor id (lowercase slug)");
                return null;
            }
            return new ActorId(n.textValue());
        });
    }

    private static Obligation obligation(JsonNode node, String at, Problems problems) {
        Fields f = Fields.root(node, at, problems);
        ObligationCode code = Formats.enumValue(f, "code", ObligationCode.class, true);
        AppliesTo appliesTo = Formats.enumValue(f, "applies_to", AppliesTo.class, false);
        String text = f.optString("text");
        String source = f.optString("source");
        return code == null ? null : new Obligation(code, text, appliesTo == null ? AppliesTo.ALL_PARTIES : appliesTo, source);
    }

    private static Adherence adherence(JsonNode node, String at, ZoneId zone, Problems problems) {
        Fields f = Fields.root(node, at, problems);
        String actor = f.string("actor");
        String to = f.optString("declared_to");
        Instant declaredAt = f.localInstant("declared_at", true, zone);
        String source = f.optString("source");
        String covers = f.optString("zone");
        boolean ok = actor != null && declaredAt != null;
        ok &= problems.check(actor == null || ActorId.isValid(actor), f.path("actor"), "must be an actor id");
        ok &= problems.check(to == null || ActorId.isValid(to), f.path("declared_to"), "must be an actor id");
        return ok ? new Adherence(new ActorId(actor), to == null ? null : new ActorId(to), declaredAt, source, covers) : null;
    }

    private static LifecycleEvent lifecycle(JsonNode node, String at, ZoneId zone, Problems problems) {
        Fields f = Fields.root(node, at, problems);
        AgreementStatus status = Formats.enumValue(f, "status", AgreementStatus.class, true);
        Instant when = f.localInstant("at", true, zone);
        String by = f.optString("by");
        boolean byOk = problems.check(by == null || ActorId.isValid(by), f.path("by"), "must be an actor id");
        String note = f.optString("note");
        String source = f.optString("source");
        return status == null || when == null || !byOk ? null
                : new LifecycleEvent(status, when, by == null ? null : new ActorId(by), note, source);
    }

    /** The agreement as recorded in its log entry: local times with their offsets. */
    public static ObjectNode payload(Agreement a) {
        ZoneId zone = a.timeZone();
        ObjectNode o = Json.object();
        o.put("id", a.id()).put("title", a.title()).put("kind", a.kind().name());
        o.put("legal_basis", a.legalBasis()).put("parent", a.parent());
        ids(o.putArray("guarantors"), a.guarantors());
        o.put("time_zone", zone.getId());
        o.put("announced", a.announced() == null ? null : a.announced().toString());
        o.put("effective_from", local(a.window().from(), zone));
        o.put("effective_until", local(a.window().to(), zone));
        o.put("adherence_deadline", local(a.adherenceDeadline(), zone));
        if (a.scopeZone() != null) {
            o.putObject("scope").put("zone", a.scopeZone());
        }
        ids(o.putArray("excluded_actors"), a.excludedActors());
        ArrayNode designations = o.putArray("excluded_designations");
        a.excludedDesignations().forEach(designations::add);
        ArrayNode obligations = o.putArray("obligations");
        a.obligations().forEach(ob -> obligations.addObject().put("code", ob.code().name()).put("text", ob.text())
                .put("applies_to", ob.appliesTo().name()).put("source", ob.source()));
        ArrayNode adherents = o.putArray("adherents");
        for (Adherence ad : a.adherents()) {
            ObjectNode n = adherents.addObject().put("actor", ad.actor().value())
                    .put("declared_to", ad.declaredTo() == null ? null : ad.declaredTo().value())
                    .put("declared_at", local(ad.declaredAt(), zone)).put("source", ad.source());
            if (ad.zone() != null) {
                // absent, not null, for a declaration covering the whole scope: agreements recorded before
                // adherences had a zone keep the same projection digest
                n.put("zone", ad.zone());
            }
        }
        ArrayNode lifecycle = o.putArray("lifecycle");
        a.lifecycle().forEach(e -> lifecycle.addObject().put("status", e.status().name()).put("at", local(e.at(), zone))
                .put("by", e.by() == null ? null : e.by().value()).put("note", e.note()).put("source", e.source()));
        ArrayNode sources = o.putArray("sources");
        a.sources().forEach(sources::add);
        return o;
    }

    private static void ids(ArrayNode array, List<ActorId> ids) {
        ids.forEach(id -> array.add(id.value()));
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static Agreement fromPayload(JsonNode payload) {
        Problems problems = new Problems();
        Agreement agreement = agreement(payload, "payload", problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("agreement entry does not parse: " + problems.list());
        }
        return agreement;
    }
}
