package org.truce.service.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.truce.domain.actor.Actor;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.problem.Problem;
import org.truce.domain.problem.Problems;
import org.truce.domain.report.ReportDraft;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.service.catalog.CatalogService;
import org.truce.service.format.ActorFormat;
import org.truce.service.format.AgreementFormat;
import org.truce.service.format.TerritoryFormat;
import org.truce.service.report.ReportService;

/**
 * Imports the documented bulk formats. Documents (actors, agreements, areas, lines, zones) are
 * all-or-nothing: any problem rejects the whole document and records nothing. Event files (UCDP GED
 * CSV) are row by row: good rows are recorded, rows seen before are counted as duplicates, bad rows
 * are listed with their line number.
 */
public final class ImportService {
    private final CatalogService catalog;
    private final ReportService reports;
    private final org.truce.service.port.ReportQueries reportQueries;

    public ImportService(CatalogService catalog, ReportService reports, org.truce.service.port.ReportQueries reportQueries) {
        this.catalog = catalog;
        this.reports = reports;
        this.reportQueries = reportQueries;
    }

    public int importActors(String principal, JsonNode document) {
        Problems problems = new Problems();
        List<Actor> actors = ActorFormat.document(document, problems);
        problems.throwIfAny();
        catalog.recordActors(principal, actors);
        return actors.size();
    }

    public int importAgreements(String principal, JsonNode document) {
        Problems problems = new Problems();
        List<Agreement> agreements = AgreementFormat.document(document, problems);
        problems.throwIfAny();
        catalog.recordAgreements(principal, agreements);
        return agreements.size();
    }

    /** Areas of control from GeoJSON, with the intake checks of {@link TerritoryImports}. */
    public int importAreas(String principal, JsonNode document) {
        return new TerritoryImports(catalog).importAreas(principal, document, TerritoryImports.Options.STRICT).accepted();
    }

    public int importLines(String principal, JsonNode document) {
        List<NamedLine> lines = features(document, (feature, at, zone, problems) -> TerritoryFormat.line(feature, at, problems));
        catalog.recordLines(principal, lines);
        return lines.size();
    }

    public int importZones(String principal, JsonNode document) {
        List<Zone> zones = features(document, (feature, at, zone, problems) -> TerritoryFormat.zone(feature, at, problems));
        catalog.recordZones(principal, zones);
        return zones.size();
    }

    /** Reads one feature of a collection, reporting its problems under the feature's path. */
    @FunctionalInterface
    private interface FeatureReader<T> {
        T read(JsonNode feature, String at, java.time.ZoneId zone, Problems problems);
    }

    /** Every feature of a FeatureCollection, or every problem with any of them (nothing is recorded then). */
    private static <T> List<T> features(JsonNode document, FeatureReader<T> reader) {
        Problems problems = new Problems();
        TerritoryFormat.Collection collection = TerritoryFormat.collection(document, problems);
        List<T> items = new ArrayList<>();
        for (int i = 0; i < collection.features().size(); i++) {
            T item = reader.read(collection.features().get(i), "features[" + i + "]", collection.zone(), problems);
            if (item != null) {
                items.add(item);
            }
        }
        problems.throwIfAny();
        return items;
    }

    /** Rows recorded per atomic group of entries: one fsync per group instead of one per row. */
    public static final int BATCH_ROWS = 256;

    /** Imports a UCDP GED CSV stream row by row; {@code progress} is told the number of rows read so far. */
    public ImportSummary importUcdp(String principal, InputStream csv, LongConsumer progress) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        Tally tally = new Tally(principal);
        try (MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class).with(schema).readValues(csv)) {
            while (true) {
                long line = rows.getCurrentLocation() == null ? -1 : rows.getCurrentLocation().getLineNr();
                Map<String, String> row;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    // after hasNextValue the location is the start of the row, which a multi-line field may extend
                    line = rows.getCurrentLocation().getLineNr();
                    row = rows.nextValue();
                } catch (RuntimeException | IOException e) {
                    tally.rejected.add(new ImportSummary.Rejection(line, "malformed CSV: " + e.getMessage()));
                    break;
                }
                tally.row(line, row);
                progress.accept(tally.read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tally.flush();
        return new ImportSummary(tally.read, tally.accepted, tally.duplicates, tally.rejected);
    }

    /** The running counts of one import, and the batch not yet recorded. */
    private final class Tally {
        private final String principal;
        private final java.util.Set<String> seen = new java.util.HashSet<>();
        private final List<org.truce.domain.report.Report> batch = new ArrayList<>();
        private final List<ImportSummary.Rejection> rejected = new ArrayList<>();
        private long read;
        private long accepted;
        private long duplicates;

        Tally(String principal) {
            this.principal = principal;
        }

        void row(long line, Map<String, String> row) {
            read++;
            Problems problems = new Problems();
            ReportDraft draft = UcdpGed.draft(row, problems);
            if (draft == null) {
                rejected.add(new ImportSummary.Rejection(line, describe(problems.list())));
                return;
            }
            if (seen.contains(draft.externalId()) || reportQueries.existsExternalId(draft.externalId())) {
                duplicates++;
                return;
            }
            var outcome = reports.check(draft);
            if (!outcome.isValid()) {
                rejected.add(new ImportSummary.Rejection(line, describe(outcome.problems().list())));
                return;
            }
            seen.add(draft.externalId());
            batch.add(outcome.report());
            if (batch.size() >= BATCH_ROWS) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                int recorded = reports.recordAll(principal, List.copyOf(batch));
                accepted += recorded;
                duplicates += batch.size() - recorded;
                batch.clear();
            }
        }
    }

    private static String describe(List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Problem p : problems) {
            text.append(text.isEmpty() ? "" : "; ").append(p.field()).append(' ').append(p.message());
        }
        return text.toString();
    }
}
