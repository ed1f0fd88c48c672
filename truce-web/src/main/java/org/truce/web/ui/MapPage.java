package org.truce.web.ui;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.truce.domain.agreement.Agreement;
import org.truce.service.catalog.CatalogService;
import org.truce.web.WebConfig;

/** The first page: the map of areas and incidents on a chosen date, and the agreements. */
public final class MapPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final Properties BUILD = buildProperties();

    private final CatalogService catalog;
    private final WebConfig config;

    public MapPage(CatalogService catalog, WebConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    /** What the template shows of one agreement. */
    public record AgreementRow(String id, String title, String kind, String window, String legalBasis, String parent) {
    }

    /** The template's model. */
    public record Model(String version, String leafletVersion, boolean basemap, String defaultDate, List<AgreementRow> agreements) {
    }

    public void render(Context ctx) {
        List<AgreementRow> rows = catalog.agreements().stream().map(MapPage::row).toList();
        Model model = new Model(config.version(), BUILD.getProperty("leaflet", "1.9.4"), config.basemapClasspathDir() != null,
                "2016-09-19", rows);
        ctx.render("index.jte", Map.of("page", model));
    }

    static AgreementRow row(Agreement a) {
        String from = WHEN.format(OffsetDateTime.ofInstant(a.window().from(), a.timeZone()));
        String to = a.window().to() == null ? "open-ended"
                : WHEN.format(OffsetDateTime.ofInstant(a.window().to(), a.timeZone()));
        String window = from + " – " + to + " (" + a.timeZone().getId() + ")";
        return new AgreementRow(a.id(), a.title(), a.kind().name(), window, a.legalBasis(), a.parent());
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = MapPage.class.getResourceAsStream("/truce-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
