package org.truce.service.projection;

import org.truce.service.format.ActorFormat;
import org.truce.service.format.AgreementFormat;
import org.truce.service.format.ReportFormat;
import org.truce.service.format.TerritoryFormat;
import org.truce.service.ledger.Entry;
import org.truce.service.ledger.EntryType;
import org.truce.service.port.Change;
import org.truce.domain.problem.Problems;

/** What an entry does to the projections: a pure function of the entry. */
public final class Projector {
    private Projector() {
    }

    public static Change changeOf(Entry entry) {
        return switch (entry.type()) {
            case EntryType.REPORT_SUBMITTED -> new Change.ReportRecorded(ReportFormat.fromPayload(entry.payload()), entry.request());
            case EntryType.ACTOR_RECORDED -> new Change.ActorRecorded(ActorFormat.fromPayload(entry.payload()));
            case EntryType.AGREEMENT_RECORDED -> new Change.AgreementRecorded(AgreementFormat.fromPayload(entry.payload()));
            case EntryType.AREA_RECORDED -> new Change.AreaRecorded(trusted(TerritoryFormat.area(entry.payload(), "payload",
                    java.time.ZoneOffset.UTC, new Problems())));
            case EntryType.LINE_RECORDED -> new Change.LineRecorded(trusted(TerritoryFormat.line(entry.payload(), "payload", new Problems())));
            case EntryType.ZONE_RECORDED -> new Change.ZoneRecorded(trusted(TerritoryFormat.zone(entry.payload(), "payload", new Problems())));
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
