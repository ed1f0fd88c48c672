package org.truce.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import org.truce.domain.problem.InvalidInputException;
import org.truce.service.format.Json;
import org.truce.service.format.MalformedJsonException;
import org.truce.service.format.MalformedXmlException;
import org.truce.service.intake.ImportService;
import org.truce.service.intake.ImportSummary;
import org.truce.service.intake.TerritoryImports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a file in one of the documented formats (docs/formats.md) into the record.")
public final class ImportCommand implements Callable<Integer> {
    /** The formats this command reads. */
    public enum Format { ucdp, actors, agreements, areas_geojson, lines_geojson, zones_geojson, acled, geojson, kml }

    @Mixin
    StoreOptions store;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "ucdp, actors, agreements, areas-geojson, kml (areas of control), lines-geojson, zones-geojson"
                    + " (acled and geojson: not yet available)")
    Format format;

    @Option(names = "--simplify-to-fit", description = "areas-geojson, kml: simplify a geometry too large for one log entry until it"
            + " fits (area kept within 1%%), instead of refusing the document")
    boolean simplifyToFit;

    @Parameters(paramLabel = "FILE", description = "the file to import")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (format == Format.acled || format == Format.geojson) {
            return NotYetAvailable.say(err, "import --format " + format, "this format arrives with the intake and territory work");
        }
        if (!Files.isRegularFile(file)) {
            err.println("truce import: " + file + " is not a readable file");
            return 2;
        }
        try (Runtime runtime = Runtime.open(store)) {
            runtime.catchUp();
            return importFile(runtime, out, err);
        }
    }

    private int importFile(Runtime runtime, PrintWriter out, PrintWriter err) throws IOException {
        ImportService imports = runtime.imports();
        String principal = "cli:" + System.getProperty("user.name", "unknown");
        try {
            if (format == Format.areas_geojson || format == Format.kml) {
                return importAreas(new TerritoryImports(runtime.catalog()), principal, out, err);
            }
            if (format == Format.ucdp) {
                try (InputStream in = Files.newInputStream(file)) {
                    ImportSummary summary = imports.importUcdp(principal, in, read -> {
                        if (read % 1000 == 0) {
                            err.print("\rread " + read + " rows…");
                            err.flush();
                        }
                    });
                    err.print("\r");
                    summary.rejected().forEach(r -> out.println("line " + r.line() + ": rejected: " + r.reason()));
                    out.println(summary.line());
                    return 0;
                }
            }
            var doc = Json.parse(Files.readAllBytes(file));
            int count = switch (format) {
                case actors -> imports.importActors(principal, doc);
                case agreements -> imports.importAgreements(principal, doc);
                case lines_geojson -> imports.importLines(principal, doc);
                case zones_geojson -> imports.importZones(principal, doc);
                default -> throw new IllegalStateException("handled above: " + format);
            };
            out.println("read " + count + ", accepted " + count + ", duplicates 0, rejected 0");
            return 0;
        } catch (MalformedJsonException e) {
            err.println(file + ":" + e.line() + ":" + e.column() + ": (body): not valid JSON: " + e.getMessage());
            err.println("nothing was imported");
            return 1;
        } catch (MalformedXmlException e) {
            err.println(file + ":" + e.line() + ":" + e.column() + ": (body): not accepted as XML: " + e.getMessage());
            err.println("nothing was imported");
            return 1;
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> err.println(file + ": " + p.field() + ": " + p.message()));
            err.println("nothing was imported (" + e.problems().size() + " problems)");
            return 1;
        }
    }

    /**
     * Areas of control, all or nothing. The size is checked before the file is read, so that a huge
     * file is refused without filling memory.
     */
    private int importAreas(TerritoryImports territory, String principal, PrintWriter out, PrintWriter err) throws IOException {
        long size = Files.size(file);
        if (size > TerritoryImports.MAX_DOCUMENT_BYTES) {
            err.println(file + ": (body): " + TerritoryImports.tooLarge(size));
            err.println("nothing was imported (1 problem)");
            return 1;
        }
        TerritoryImports.Format kind = format == Format.kml ? TerritoryImports.Format.KML : TerritoryImports.Format.GEOJSON;
        TerritoryImports.Summary summary = territory.importAreas(principal, kind, Files.readAllBytes(file),
                new TerritoryImports.Options(simplifyToFit));
        summary.simplified().forEach(s -> out.println(s.line()));
        out.println(summary.line());
        return 0;
    }

    /** Accepts the documented spellings with hyphens. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Format.valueOf(value.replace('-', '_'));
        }
    }
}
