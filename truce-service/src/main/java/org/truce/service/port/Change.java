package org.truce.service.port;

import java.time.Instant;
import org.truce.domain.actor.Actor;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.report.Report;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.service.ledger.Entry;

/** What one log entry does to the projections. */
public sealed interface Change {
    record ReportRecorded(Report report, Entry.RequestHashes request, Visibility visibility) implements Change {
        public ReportRecorded(Report report, Entry.RequestHashes request) {
            this(report, request, Visibility.ALL_PUBLIC);
        }
    }

    /**
     * A new actor, or a new version of one already recorded (an amendment): a later entry for the
     * same id replaces the current version and keeps the earlier ones as its history.
     */
    record ActorRecorded(Actor actor, Entry.RequestHashes request) implements Change {
        public ActorRecorded(Actor actor) {
            this(actor, null);
        }
    }

    record AgreementRecorded(Agreement agreement) implements Change {
    }

    record AreaRecorded(ControlArea area) implements Change {
    }

    record LineRecorded(NamedLine line) implements Change {
    }

    record ZoneRecorded(Zone zone) implements Change {
    }

    /** Where and when an entry was recorded: its log index (record time) and timestamp. */
    record At(long logIndex, Instant recordedAt, String principal) {
    }
}
