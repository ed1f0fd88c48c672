package org.truce.web;

import org.truce.service.catalog.CatalogService;
import org.truce.service.ledger.PublishedLog;
import org.truce.service.report.ReportService;

/** The use cases the web layer calls. */
public record Services(ReportService reports, CatalogService catalog, PublishedLog log) {
}
