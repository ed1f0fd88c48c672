package org.truce.web;

import java.util.Optional;
import org.truce.log.witness.Witness;
import org.truce.service.catalog.CatalogService;
import org.truce.service.ledger.PublishedLog;
import org.truce.service.report.ReportService;

/** The use cases the web layer calls; {@code witness} is present when this node witnesses other logs. */
public record Services(ReportService reports, CatalogService catalog, PublishedLog log, Optional<Witness> witness) {
    public Services(ReportService reports, CatalogService catalog, PublishedLog log) {
        this(reports, catalog, log, Optional.empty());
    }
}
