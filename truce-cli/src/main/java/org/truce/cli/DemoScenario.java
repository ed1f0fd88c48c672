package org.truce.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.truce.service.format.Json;
import org.truce.service.intake.ImportService;
import org.truce.service.intake.ImportSummary;

/**
 * Loads the 2016 Syria scenario shipped in the truce-demo jar, through the same import paths a user
 * has: actors, zones, lines, areas, agreements, then the UCDP GED incidents. Each document goes
 * into the record as entries made by the principal {@code system:demo}.
 */
public final class DemoScenario {
    public static final String PRINCIPAL = "system:demo";
    public static final String RESOURCES = "/org/truce/demo/";
    public static final String BASEMAP = "/org/truce/demo/basemap";

    private DemoScenario() {
    }

    /** What was loaded. */
    public record Loaded(int actors, int zones, int lines, int areas, int agreements, ImportSummary incidents) {
        public String line() {
            return actors + " actors, " + agreements + " agreements, " + areas + " areas of control, " + lines + " lines, "
                    + zones + " zones, " + incidents.accepted() + " incidents";
        }
    }

    public static Loaded load(ImportService imports) {
        int actors = imports.importActors(PRINCIPAL, Json.parse(bytes("actors.json")));
        int zones = imports.importZones(PRINCIPAL, Json.parse(bytes("zones.geojson")));
        int lines = imports.importLines(PRINCIPAL, Json.parse(bytes("lines.geojson")));
        int areas = imports.importAreas(PRINCIPAL, Json.parse(bytes("areas.geojson")));
        int agreements = imports.importAgreements(PRINCIPAL, Json.parse(bytes("agreements.json")));
        ImportSummary incidents;
        try (InputStream csv = open("incidents-ucdp.csv")) {
            incidents = imports.importUcdp(PRINCIPAL, csv, read -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!incidents.rejected().isEmpty()) {
            throw new IllegalStateException("the demo's incident file has rejected rows: " + incidents.rejected());
        }
        return new Loaded(actors, zones, lines, areas, agreements, incidents);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = DemoScenario.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IllegalStateException("demo resource " + RESOURCES + name + " is missing from the classpath");
        }
        return in;
    }
}
