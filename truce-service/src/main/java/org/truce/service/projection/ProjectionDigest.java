package org.truce.service.projection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.truce.domain.actor.ActorId;
import org.truce.service.format.ActorFormat;
import org.truce.service.format.AgreementFormat;
import org.truce.service.format.Json;
import org.truce.service.format.ReportFormat;
import org.truce.service.format.TerritoryFormat;
import org.truce.service.port.ActorVersion;
import org.truce.service.port.ReportQuery;
import org.truce.service.port.StoredReport;
import org.truce.service.port.Store;
import org.truce.service.report.Hashing;

/**
 * A SHA-256 digest of everything the projections hold, in the canonical JSON of the documented
 * formats: two stores with the same digest answer every query the same. It does not depend on the
 * machine's time zone, locale or database.
 */
public final class ProjectionDigest {
    private static final int PAGE = ReportQuery.MAX_LIMIT;

    private ProjectionDigest() {
    }

    public static String of(Store store) {
        ObjectNode all = Json.object();
        all.put("applied_size", store.appliedSize());
        ArrayNode actors = all.putArray("actors");
        store.actors().forEach(a -> actors.add(ActorFormat.payload(a)));
        // Earlier versions of amended actors. Absent, not empty, when no actor was amended: a log
        // recorded before actors could be amended keeps the digest it had (EntryFormatV1Test).
        List<ActorVersion> versions = store.actorVersions();
        Map<ActorId, Long> current = new HashMap<>();
        versions.forEach(v -> current.merge(v.actor().id(), v.logIndex(), Math::max));
        ArrayNode superseded = Json.array();
        for (ActorVersion v : versions) {
            if (current.get(v.actor().id()) != v.logIndex()) {
                ObjectNode o = superseded.addObject().put("log_index", v.logIndex()).put("principal", v.principal())
                        .put("recorded_at", v.recordedAt() == null ? null : v.recordedAt().toString());
                o.set("actor", ActorFormat.payload(v.actor()));
            }
        }
        if (!superseded.isEmpty()) {
            all.set("superseded_actor_versions", superseded);
        }
        ArrayNode agreements = all.putArray("agreements");
        store.agreements().forEach(a -> agreements.add(AgreementFormat.payload(a)));
        ArrayNode areas = all.putArray("areas");
        store.areas().forEach(a -> areas.add(TerritoryFormat.areaFeature(a)));
        ArrayNode lines = all.putArray("lines");
        store.lines().forEach(l -> lines.add(TerritoryFormat.lineFeature(l)));
        ArrayNode zones = all.putArray("zones");
        store.zones().forEach(z -> zones.add(TerritoryFormat.zoneFeature(z)));
        ArrayNode reports = all.putArray("reports");
        long after = -1;
        while (true) {
            List<StoredReport> page = store.listReports(new ReportQuery(null, null, null, after, PAGE));
            if (page.isEmpty()) {
                break;
            }
            for (StoredReport r : page) {
                reports.add(ReportFormat.withVisibility(ReportFormat.payload(r.report()), r.visibility()).put("log_index", r.recorded().logIndex())
                        .put("recorded_at", r.recorded().recordedAt().toString()).put("principal", r.recorded().principal()));
            }
            after = page.get(page.size() - 1).recorded().logIndex();
        }
        return Hashing.sha256Hex(Json.canonical(all));
    }
}
