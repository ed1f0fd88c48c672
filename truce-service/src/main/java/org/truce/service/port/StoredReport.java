package org.truce.service.port;

import org.truce.domain.report.Report;

/** A report with its record time: the log index of its entry and when it was recorded. */
public record StoredReport(Report report, Change.At recorded) {
}
