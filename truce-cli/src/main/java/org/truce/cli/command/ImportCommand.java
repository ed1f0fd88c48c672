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
import org.truce.service.intake.ImportService;
import org.truce.service.intake.ImportSummary;
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
            description = "ucdp, actors, agreements, areas-geojson, lines-geojson, zones-geojson (acled, geojson and kml: not yet available)")
    Format format;

    @Parameters(paramLabel = "FILE", description = "the file to import")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (format == Format.acled || format == Format.geojson || format == Format.kml) {
            return NotYetAvailable.say(err, "import --format " + format, "this format arrives with the intake and territory work");
        }
        if (!Files.isRegularFile(file)) {
            err.println("truce import: " + file + " is not a readable file");
            return 2;
        }
        try (Runtime runtime = Runtime.open(store)) {
            runtime.catchUp();
            return importFile(runtime.imports(), out, err);
        }
    }

    private int importFile(ImportService imports, PrintWriter out, PrintWriter err) throws IOException {
        String principal = "cli:" + System.getProperty("user.name", "unknown");
        try {
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
                case areas_geojson -> imports.importAreas(principal, doc);
                case lines_geojson -> imports.importLines(principal, doc);
                case zones_geojson -> imports.importZones(principal, doc);
                default -> throw new IllegalStateException("handled above: " + format);
            };
            out.println("read " + count + ", accepted " + count + ", duplicates 0, rejected 0");
            return 0;
        } catch (MalformedJsonException e) {
            err.println(file + ":" + e.line() + ":" + e.column() + ": not valid JSON: " + e.getMessage());
            return 1;
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> err.println(file + ": " + p.field() + ": " + p.message()));
            err.println("nothing was imported (" + e.problems().size() + " problems)");
            return 1;
        }
    }

    /** Accepts the documented spellings with hyphens. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Format.valueOf(value.replace('-', '_'));
        }
    }
}
