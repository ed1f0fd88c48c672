package org.truce.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import org.truce.domain.problem.Problem;
import org.truce.service.catalog.CatalogService;
import org.truce.service.format.Json;
import org.truce.service.format.Kml;
import org.truce.service.format.MalformedJsonException;
import org.truce.service.format.MalformedXmlException;
import org.truce.service.intake.TerritoryImports;
import org.truce.web.http.Bodies;
import org.truce.web.http.HttpProblem;
import org.truce.web.http.Responses;

/**
 * {@code POST /api/v1/territory/imports}: a GeoJSON FeatureCollection or a KML document of areas of
 * control, recorded all or nothing; the answer summarises what was recorded.
 */
public final class TerritoryImportApi {
    private static final String ANONYMOUS = "anonymous";

    private final TerritoryImports imports;
    private final long maxBodyBytes;

    /** {@code maxRequestBytes}: the server's limit; the territory limit applies when it is lower. */
    public TerritoryImportApi(CatalogService catalog, long maxRequestBytes) {
        this.imports = new TerritoryImports(catalog);
        this.maxBodyBytes = Math.min(maxRequestBytes, TerritoryImports.MAX_DOCUMENT_BYTES);
    }

    public void submit(Context ctx) {
        TerritoryImports.Format format = format(ctx.header("Content-Type"));
        TerritoryImports.Options options = options(ctx.queryParam("simplify"));
        // checked before the body is read: a declared or actual excess is refused without buffering it
        byte[] body = Bodies.bounded(ctx, maxBodyBytes);
        if (body.length == 0) {
            throw new HttpProblem(400, "Bad request", "the request body is empty; a GeoJSON or KML document is required",
                    List.of(new Problem("(body)", "is empty")));
        }
        TerritoryImports.Summary summary;
        try {
            summary = imports.importAreas(ANONYMOUS, format, body, options);
        } catch (MalformedJsonException e) {
            String where = e.line() > 0 ? " at line " + e.line() + ", column " + e.column() : "";
            throw new HttpProblem(400, "Malformed JSON", "the body is not valid JSON" + where + ": " + e.getMessage(),
                    List.of(new Problem("(body)", "is not valid JSON" + where + ": " + e.getMessage())));
        } catch (MalformedXmlException e) {
            throw new HttpProblem(400, "Malformed or refused XML", "the body is not accepted as XML" + e.where() + ": " + e.getMessage(),
                    List.of(new Problem("(body)", "is not accepted as XML" + e.where() + ": " + e.getMessage())));
        }
        Responses.json(ctx, 200, json(summary));
    }

    static TerritoryImports.Format format(String contentType) {
        String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (media) {
            case "application/geo+json", "application/json" -> TerritoryImports.Format.GEOJSON;
            case Kml.MEDIA_TYPE -> TerritoryImports.Format.KML;
            default -> throw new HttpProblem(415, "Unsupported media type",
                    "this endpoint takes application/geo+json or " + Kml.MEDIA_TYPE + ", got "
                            + (contentType == null ? "no Content-Type" : "'" + contentType + "'"),
                    List.of(new Problem("Content-Type", "must be application/geo+json or " + Kml.MEDIA_TYPE)));
        };
    }

    private static TerritoryImports.Options options(String simplify) {
        if (simplify == null || simplify.isEmpty()) {
            return TerritoryImports.Options.STRICT;
        }
        if (!simplify.equals("fit")) {
            throw HttpProblem.badRequest("simplify", "must be 'fit' (simplify a geometry too large for one log entry until it fits), got '"
                    + (simplify.length() <= 80 ? simplify : simplify.substring(0, 80) + "…") + "'");
        }
        return new TerritoryImports.Options(true);
    }

    static ObjectNode json(TerritoryImports.Summary summary) {
        ObjectNode o = Json.object();
        o.put("kind", "areas");
        o.put("format", summary.format().name().toLowerCase(Locale.ROOT));
        o.put("read", summary.read());
        o.put("accepted", summary.accepted());
        o.put("first_log_index", summary.firstIndex());
        o.put("last_log_index", summary.firstIndex() + summary.accepted() - 1);
        ArrayNode simplified = o.putArray("simplified");
        for (TerritoryImports.Simplified s : summary.simplified()) {
            simplified.addObject()
                    .put("feature", s.feature())
                    .put("id", s.id())
                    .put("tolerance_deg", s.toleranceDegrees())
                    .put("positions_before", s.positionsBefore())
                    .put("positions_after", s.positionsAfter())
                    .put("area_change", s.areaChange());
        }
        return o;
    }
}
