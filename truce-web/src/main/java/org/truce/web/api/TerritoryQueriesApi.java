package org.truce.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorDirectory;
import org.truce.domain.actor.ActorId;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.LinePosition;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.PlaceHistory;
import org.truce.domain.territory.TerritoryChanges;
import org.truce.service.catalog.CatalogService;
import org.truce.service.format.GeoJson;
import org.truce.service.format.Json;
import org.truce.web.http.HttpProblem;
import org.truce.web.http.Params;
import org.truce.web.http.Responses;

/**
 * The territory questions other than "who controlled P at T": what changed between two instants
 * ({@code /territory/changes}), which side of a named line a point lies on
 * ({@code /territory/lines/{id}/side}), and the history of one place ({@code /territory/history}).
 * The answers are computed by the domain ({@link TerritoryChanges}, {@link LinePosition},
 * {@link PlaceHistory}) over the areas and lines recorded so far.
 */
public final class TerritoryQueriesApi {

    private final CatalogService catalog;

    public TerritoryQueriesApi(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** A GeoJSON FeatureCollection of the ground each actor gained and lost, with a per-actor summary in km². */
    public void changes(Context ctx) {
        Params params = new Params(ctx);
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        String actorParam = params.text("actor");
        params.require("from", "an ISO 8601 instant such as 2016-12-01T00:00:00Z or a date 2016-12-01");
        params.require("to", "an ISO 8601 instant such as 2016-12-01T00:00:00Z or a date 2016-12-01");
        ActorDirectory directory = catalog.directory();
        Actor only = null;
        if (actorParam != null) {
            Optional<Actor> resolved = directory.resolve(actorParam);
            if (resolved.isEmpty()) {
                params.problem("actor", "must be the id or an unambiguous name of a recorded actor, got '" + Params.clip(actorParam) + "'");
            } else {
                only = resolved.get();
            }
        }
        params.done();
        if (to.isBefore(from)) {
            throw HttpProblem.badRequest("to", "must not be before from");
        }
        TerritoryChanges changes = TerritoryChanges.between(catalog.areas(), from, to, only == null ? null : only.id());
        ObjectNode collection = Json.object().put("type", "FeatureCollection");
        collection.put("from", from.toString());
        collection.put("to", to.toString());
        if (only != null) {
            collection.set("actor", actorRef(directory, only.id(), to));
        }
        ArrayNode summary = collection.putArray("actors");
        ArrayNode features = collection.putArray("features");
        for (TerritoryChanges.ActorChange c : changes.actors()) {
            ObjectNode s = summary.addObject();
            s.set("actor", actorRef(directory, c.actor(), to));
            s.put("area_from_km2", c.fromKm2());
            s.put("area_to_km2", c.toKm2());
            s.put("gained_km2", c.gainedKm2());
            s.put("lost_km2", c.lostKm2());
            s.put("net_km2", c.netKm2());
            s.put("unchanged", c.unchanged());
            if (!c.gained().isEmpty()) {
                features.add(changeFeature(directory, c, "gained", to));
            }
            if (!c.lost().isEmpty()) {
                features.add(changeFeature(directory, c, "lost", to));
            }
        }
        Responses.geojson(ctx, collection);
    }

    private static ObjectNode changeFeature(ActorDirectory directory, TerritoryChanges.ActorChange c, String change, Instant at) {
        ObjectNode feature = Json.object().put("type", "Feature");
        feature.put("id", c.actor().value() + "/" + change);
        ObjectNode p = feature.putObject("properties");
        p.put("actor", c.actor().value());
        Optional<Actor> actor = directory.byId(c.actor());
        p.put("actor_name", actor.map(a -> a.nameAt(at)).orElse(null));
        p.put("alignment", actor.map(Actor::alignment).orElse(null));
        p.put("change", change);
        p.put("area_km2", change.equals("gained") ? c.gainedKm2() : c.lostKm2());
        feature.set("geometry", GeoJson.write(change.equals("gained") ? c.gained() : c.lost()));
        return feature;
    }

    /** Which side of line {@code id} the point lies on, its distance to the line and whether it is within the line's buffer. */
    public void side(Context ctx) {
        String id = ctx.pathParam("id");
        Params params = new Params(ctx);
        GeoPoint point = point(params);
        params.done();
        NamedLine line = catalog.lines().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> HttpProblem.notFound("no line with id '" + Params.clip(id) + "'"));
        LinePosition position = LinePosition.of(line, point);
        ObjectNode body = Json.object();
        body.putObject("line").put("id", line.id()).put("name", line.name()).put("kind", line.kind().name());
        body.set("point", point(point));
        body.put("side", position.side() == null ? null : position.side().name().toLowerCase(Locale.ROOT));
        body.put("compass_side", position.compassSide() == null ? null : position.compassSide().name().toLowerCase(Locale.ROOT));
        body.put("beyond_end", position.beyondEnd());
        body.put("distance_m", position.distanceMetres());
        body.set("nearest", point(position.nearest()));
        body.put("buffer_m", position.bufferMeters());
        body.put("within_buffer", position.withinBuffer());
        body.put("approximate", line.approximate());
        Responses.json(ctx, 200, body);
    }

    /** Every area that ever covered the point, in order of validity, and the timeline of who held it. */
    public void history(Context ctx) {
        Params params = new Params(ctx);
        GeoPoint point = point(params);
        params.done();
        PlaceHistory history = PlaceHistory.of(catalog.areas(), point);
        ActorDirectory directory = catalog.directory();
        ObjectNode body = Json.object();
        body.set("point", point(point));
        ArrayNode areas = body.putArray("areas");
        for (ControlArea a : history.areas()) {
            ObjectNode o = areas.addObject();
            o.put("area_id", a.id());
            o.set("actor", actorRef(directory, a.actor(), a.validity().from()));
            o.put("valid_from", a.validity().from().toString());
            o.put("valid_to", a.validity().to() == null ? null : a.validity().to().toString());
            o.put("source", a.source());
            o.put("confidence", a.confidence().name().toLowerCase(Locale.ROOT));
            o.put("approximate", a.approximate());
        }
        ArrayNode timeline = body.putArray("timeline");
        for (PlaceHistory.Period period : history.timeline()) {
            ObjectNode o = timeline.addObject();
            o.put("valid_from", period.validity().from().toString());
            o.put("valid_to", period.validity().to() == null ? null : period.validity().to().toString());
            ArrayNode actors = o.putArray("actors");
            period.actors().forEach(actor -> actors.add(actorRef(directory, actor, period.validity().from())));
            ArrayNode ids = o.putArray("area_ids");
            period.areas().forEach(a -> ids.add(a.id()));
        }
        Responses.json(ctx, 200, body);
    }

    /** {"id", "name"}, the name being the one the actor bore at {@code at}; the name is null for an actor not (yet) recorded. */
    private static ObjectNode actorRef(ActorDirectory directory, ActorId id, Instant at) {
        ObjectNode o = Json.object().put("id", id.value());
        o.put("name", directory.byId(id).map(a -> a.nameAt(at)).orElse(null));
        return o;
    }

    private static ObjectNode point(GeoPoint p) {
        return Json.object().put("lat", p.lat()).put("lon", p.lon());
    }

    /** The required {@code lat} and {@code lon} parameters, or null with a problem for each one missing or out of range. */
    private static GeoPoint point(Params params) {
        Double lat = params.decimal("lat", -90, 90, true, "a number of decimal degrees within [-90, 90]");
        Double lon = params.decimal("lon", -180, 180, true, "a number of decimal degrees within [-180, 180]");
        return lat == null || lon == null ? null : new GeoPoint(lat, lon);
    }
}
