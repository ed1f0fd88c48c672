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
import org.truce.domain.problem.InvalidInputException;
import org.truce.domain.problem.Problem;
import org.truce.domain.problem.Problems;
import org.truce.domain.report.ReportDraft;
import org.truce.domain.territory.ControlArea;
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

    public int importAreas(String principal, JsonNode document) {
        Problems problems = new Problems();
        TerritoryFormat.Collection collection = TerritoryFormat.collection(document, problems);
        List<ControlArea> areas = new ArrayList<>();
        for (int i = 0; i < collection.features().size(); i++) {
            ControlArea area = TerritoryFormat.area(collection.features().get(i), "features[" + i + "]", collection.zone(), problems);
            if (area != null) {
                areas.add(area);
            }
        }
        problems.throwIfAny();
        catalog.recordAreas(principal, areas);
        return areas.size();
    }

    public int importLines(String principal, JsonNode document) {
        Problems problems = new Problems();
        TerritoryFormat.Collection collection = TerritoryFormat.collection(document, problems);
        List<NamedLine> lines = new ArrayList<>();
        for (int i = 0; i < collection.features().size(); i++) {
            NamedLine line = TerritoryFormat.line(collection.features().get(i), "features[" + i + "]", problems);
            if (line != null) {
                lines.add(line);
            }
        }
        problems.throwIfAny();
        catalog.recordLines(principal, lines);
        return lines.size();
    }

    public int importZones(String principal, JsonNode document) {
        Problems problems = new Problems();
        TerritoryFormat.Collection collection = TerritoryFormat.collection(document, problems);
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < collection.features().size(); i++) {
            Zone zone = TerritoryFormat.zone(collection.features().get(i), "features[" + i + "]", problems);
            if (zone != null) {
                zones.add(zone);
            }
        }
        problems.throwIfAny();
        catalog.recordZones(principal, zones);
        return zones.size();
    }

    /** Imports a UCDP GED CSV stream row by row; {@code progress} is told the number of rows read so far. */
    public ImportSummary importUcdp(String principal, InputStream csv, LongConsumer progress) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        long read = 0;
        long accepted = 0;
        long duplicates = 0;
        List<ImportSummary.Rejection> rejected = new ArrayList<>();
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
                    rejected.add(new ImportSummary.Rejection(line, "malformed CSV: " + e.getMessage()));
                    break;
                }
                read++;
                String outcome = importRow(principal, row);
                switch (outcome) {
                    case "accepted" -> accepted++;
                    case "duplicate" -> duplicates++;
                    default -> rejected.add(new ImportSummary.Rejection(line, outcome));
                }
                progress.accept(read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ImportSummary(read, accepted, duplicates, rejected);
    }

    private String importRow(String principal, Map<String, String> row) {
        Problems problems = new Problems();
        ReportDraft draft = UcdpGed.draft(row, problems);
        if (draft == null) {
            return describe(problems.list());
        }
        if (reportQueries.existsExternalId(draft.externalId())) {
            return "duplicate";
        }
        try {
            reports.record(principal, draft, null);
            return "accepted";
        } catch (InvalidInputException e) {
            return describe(e.problems());
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
