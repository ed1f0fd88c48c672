package org.truce.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.territory.ControlArea;
import org.truce.service.format.Json;
import org.truce.service.format.Kml;
import org.truce.service.format.TerritoryFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the areas of control as GeoJSON or KML (docs/formats.md); other exports (incidents, the record in"
                + " open formats) are not yet available.")
public final class ExportCommand implements Callable<Integer> {
    static final String AREAS_GEOJSON = "areas-geojson";
    static final String AREAS_KML = "areas-kml";

    @Mixin
    StoreOptions store;

    @Option(names = "--format", paramLabel = "FORMAT", description = AREAS_GEOJSON + " or " + AREAS_KML + " (others: not yet available)")
    String format;

    @Option(names = "--at", paramLabel = "ISO", converter = InstantConverter.class,
            description = "only the areas valid at this instant (2016-09-19T16:15:00Z) or the start of this date, UTC (2016-09-19)")
    Instant at;

    @Option(names = "--known-at", paramLabel = "ISO", converter = InstantConverter.class,
            description = "with --at: only what had been recorded by this instant")
    Instant knownAt;

    @Option(names = "--out", paramLabel = "FILE", description = "the file to write (replaced whole, never left half-written)")
    Path out;

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (format == null || !(format.equals(AREAS_GEOJSON) || format.equals(AREAS_KML))) {
            return NotYetAvailable.say(err, "export" + (format == null ? "" : " --format " + format),
                    "exports of incidents and of the record in open formats; areas of control: --format " + AREAS_GEOJSON + "|" + AREAS_KML);
        }
        if (ignored != null && !ignored.isEmpty()) {
            err.println("truce export: unexpected argument " + ignored.get(0) + " (the file goes after --out)");
            return 2;
        }
        if (out == null) {
            err.println("truce export: --out FILE is required");
            return 2;
        }
        if (knownAt != null && at == null) {
            err.println("truce export: --known-at needs --at: the areas valid at an instant, as known at another");
            return 2;
        }
        try (Runtime runtime = Runtime.open(store)) {
            runtime.catchUp();
            List<ControlArea> areas = at == null ? runtime.catalog().areas() : runtime.catalog().areasAt(at, knownAt);
            byte[] bytes = format.equals(AREAS_KML) ? kml(areas, runtime.catalog().actors()) : geojson(areas);
            write(bytes);
            spec.commandLine().getOut().println("exported " + areas.size() + " areas of control to " + out);
            return 0;
        }
    }

    private static byte[] geojson(List<ControlArea> areas) {
        ObjectNode collection = Json.object().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        areas.forEach(a -> features.add(TerritoryFormat.areaFeature(a)));
        return (Json.write(collection) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] kml(List<ControlArea> areas, List<Actor> actors) {
        Map<ActorId, Actor> byId = actors.stream().collect(Collectors.toMap(Actor::id, Function.identity()));
        String title = "Truce: areas of control" + (at == null ? "" : " valid at " + at) + (knownAt == null ? "" : ", as known at " + knownAt);
        return Kml.write(areas, title, id -> {
            Actor actor = byId.get(id);
            return actor == null ? null : at == null ? actor.name() : actor.nameAt(at);
        });
    }

    /** Writes beside the target and moves into place, so that a reader never sees half a file. */
    private void write(byte[] bytes) throws IOException {
        Path target = out.toAbsolutePath();
        // not createTempFile: its owner-only permissions would stay on an export meant to be shared
        Path temp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** An instant with offset or Z, or a date meaning its start in UTC (as the API's {@code at}). */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new CommandLine.TypeConversionException("must be an ISO 8601 instant such as 2016-09-19T16:15:00Z or a date"
                            + " 2016-09-19, got '" + value + "'");
                }
            }
        }
    }
}
