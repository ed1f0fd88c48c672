package org.truce.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.territory.ControlArea;
import org.truce.service.catalog.CatalogService;
import org.truce.service.format.AgreementFormat;
import org.truce.service.format.Json;
import org.truce.service.format.TerritoryFormat;
import org.truce.web.http.Params;
import org.truce.web.http.Responses;

/** Agreements, areas of control, lines and zones (actors: {@link ActorsApi}). */
public final class CatalogApi {
    private final CatalogService catalog;

    public CatalogApi(CatalogService catalog) {
        this.catalog = catalog;
    }

    public void agreements(Context ctx) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (Agreement a : catalog.agreements()) {
            items.add(AgreementFormat.payload(a));
        }
        Responses.json(ctx, 200, body);
    }

    /** A GeoJSON FeatureCollection of the areas valid at {@code at} (all areas without it), with actor names for display. */
    public void areas(Context ctx) {
        Params params = new Params(ctx);
        Instant at = params.instant("at");
        Instant knownAt = params.instant("known_at");
        params.done();
        if (knownAt != null && at == null) {
            throw org.truce.web.http.HttpProblem.badRequest("known_at", "needs at: the areas valid at an instant, as known at another");
        }
        List<ControlArea> areas = at == null ? catalog.areas() : catalog.areasAt(at, knownAt);
        Map<ActorId, Actor> actors = catalog.actors().stream().collect(Collectors.toMap(Actor::id, Function.identity()));
        if (AreasOutput.kmlWanted(ctx)) {
            AreasOutput.kml(ctx, areas, actors, at, knownAt);
            return;
        }
        ObjectNode collection = Json.object().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (ControlArea area : areas) {
            ObjectNode feature = TerritoryFormat.areaFeature(area);
            ObjectNode props = (ObjectNode) feature.get("properties");
            Actor actor = actors.get(area.actor());
            if (actor != null) {
                props.put("actor_name", at == null ? actor.name() : actor.nameAt(at));
                props.put("alignment", actor.alignment());
            }
            features.add(feature);
        }
        Responses.geojson(ctx, collection);
    }

    public void lines(Context ctx) {
        ObjectNode collection = Json.object().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        catalog.lines().forEach(l -> features.add(TerritoryFormat.lineFeature(l)));
        Responses.geojson(ctx, collection);
    }

    public void zones(Context ctx) {
        ObjectNode collection = Json.object().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        catalog.zones().forEach(z -> features.add(TerritoryFormat.zoneFeature(z)));
        Responses.geojson(ctx, collection);
    }
}
