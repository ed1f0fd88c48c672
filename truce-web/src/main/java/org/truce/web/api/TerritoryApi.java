package org.truce.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.territory.ControlArea;
import org.truce.service.catalog.CatalogService;
import org.truce.service.catalog.TerritoryControl;
import org.truce.service.format.Json;
import org.truce.web.http.Params;
import org.truce.web.http.Responses;

/**
 * "Who controlled point P at instant T" ({@code GET /api/v1/territory/control}): the areas of control
 * valid at {@code at} that cover the point, or that come within {@code radius_m} of it (a report's
 * precision), their status ({@code single}, {@code contested}, {@code mixed}, {@code none}) and the
 * agreements whose exclusions decided between contested and mixed. See
 * {@link org.truce.domain.territory.Territory} for how borders are answered.
 */
public final class TerritoryApi {
    /** A report's precision: beyond 100 km the question is no longer about a place. */
    public static final double MAX_RADIUS_METRES = 100_000;

    private final CatalogService catalog;

    public TerritoryApi(CatalogService catalog) {
        this.catalog = catalog;
    }

    public void control(Context ctx) {
        Params params = new Params(ctx);
        for (String name : List.of("lat", "lon", "at", "radius_m")) {
            if (ctx.queryParams(name).size() > 1) {
                params.problem(name, "must be given once, got " + ctx.queryParams(name).size() + " values");
            }
        }
        Double lat = params.decimal("lat", -90, 90, true, "a number of decimal degrees within [-90, 90]");
        Double lon = params.decimal("lon", -180, 180, true, "a number of decimal degrees within [-180, 180]");
        Instant at = params.instant("at");
        params.require("at", "an ISO 8601 instant such as 2016-12-01T00:00:00Z or a date 2016-12-01");
        Double radius = params.decimal("radius_m", 0, MAX_RADIUS_METRES, false,
                "a number of metres within [0, " + (long) MAX_RADIUS_METRES + "]");
        params.done();
        GeoPoint point = new GeoPoint(lat, lon);
        double radiusMetres = radius == null ? 0 : radius;
        TerritoryControl.Result result = catalog.control().controlAt(point, at, radiusMetres);

        ObjectNode body = Json.object();
        body.put("status", result.answer().status().name().toLowerCase(Locale.ROOT));
        ArrayNode controllers = body.putArray("controllers");
        for (ControlArea area : result.answer().controllers()) {
            ObjectNode c = controllers.addObject();
            ObjectNode actor = c.putObject("actor").put("id", area.actor().value());
            actor.put("name", result.actor(area.actor()).map(a -> a.nameAt(at)).orElse(null));
            c.put("area_id", area.id());
            c.put("valid_from", area.validity().from().toString());
            c.put("valid_to", area.validity().to() == null ? null : area.validity().to().toString());
            c.put("source", area.source());
            c.put("excluded", result.excluded().contains(area.actor()));
            c.put("confidence", area.confidence().name().toLowerCase(Locale.ROOT));
            c.put("approximate", area.approximate());
        }
        body.put("at", at.toString());
        body.putObject("point").put("lat", point.lat()).put("lon", point.lon());
        body.put("radius_m", radiusMetres);
        ArrayNode agreements = body.putArray("agreements_in_force");
        result.agreementsInForce().forEach(agreements::add);
        Responses.json(ctx, 200, body);
    }
}
