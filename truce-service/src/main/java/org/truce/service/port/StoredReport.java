package org.truce.service.port;

import org.truce.domain.report.Report;

/**
 * A report with its record time (the log index of its entry and when it was recorded) and the
 * markings of its fields.
 */
public record StoredReport(Report report, Change.At recorded, Visibility visibility) {
    public StoredReport(Report report, Change.At recorded) {
        this(report, recorded, Visibility.ALL_PUBLIC);
    }
}
