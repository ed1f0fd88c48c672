package org.truce.service.projection;

import org.truce.service.format.ActorFormat;
import org.truce.service.format.AgreementFormat;
import org.truce.service.format.ReportFormat;
import org.truce.service.format.TerritoryFormat;
import org.truce.service.ledger.Entry;
import org.truce.service.ledger.EntryType;
import org.truce.service.ledger.Sealing;
import org.truce.service.port.Change;
import org.truce.service.port.Visibility;
import org.truce.domain.problem.Problems;

/** What an entry does to the projections: a pure function of the entry. */
public final class Projector {
    private Projector() {
    }

    /** The change of an entry, from its payload with the sealed fields that could be opened put back. */
    public static Change changeOf(Entry entry, Sealing.Opened opened) {
        var payload = opened.payload();
        if (!entry.sealed().isEmpty() && !entry.type().equals(EntryType.REPORT_SUBMITTED)) {
            throw new IllegalStateException("entries of type '" + entry.type() + "' have no sealed fields");
        }
        return switch (entry.type()) {
            case EntryType.REPORT_SUBMITTED -> new Change.ReportRecorded(ReportFormat.fromPayload(payload), entry.request(),
                    new Visibility(Sealing.releasability(entry), opened.withheld()));
            case EntryType.ACTOR_RECORDED -> new Change.ActorRecorded(ActorFormat.fromPayload(payload), entry.request());
            case EntryType.AGREEMENT_RECORDED -> new Change.AgreementRecorded(AgreementFormat.fromPayload(payload));
            case EntryType.AREA_RECORDED -> new Change.AreaRecorded(trusted(TerritoryFormat.area(payload, "payload",
                    java.time.ZoneOffset.UTC, new Problems())));
            case EntryType.LINE_RECORDED -> new Change.LineRecorded(trusted(TerritoryFormat.line(payload, "payload", new Problems())));
            case EntryType.ZONE_RECORDED -> new Change.ZoneRecorded(trusted(TerritoryFormat.zone(payload, "payload", new Problems())));
            default -> throw new IllegalStateException("unknown entry type '" + entry.type() + "'");
        };
    }

    private static <T> T trusted(T value) {
        if (value == null) {
            throw new IllegalStateException("a recorded entry does not parse: the log was written by a broken Truce or altered");
        }
        return value;
    }
}
