package org.truce.web.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.territory.ControlArea;
import org.truce.service.format.Kml;
import org.truce.web.http.HttpProblem;

/**
 * The KML answer of {@code GET /api/v1/areas}: chosen by {@code ?format=kml}, or by an Accept header
 * that asks for KML and not for GeoJSON; GeoJSON otherwise.
 */
final class AreasOutput {
    private AreasOutput() {
    }

    /** True when the client asked for KML; refuses an unknown {@code format}. */
    static boolean kmlWanted(Context ctx) {
        // the answer depends on Accept whenever format is absent, so caches must key on it
        ctx.header("Vary", "Accept");
        String format = ctx.queryParam("format");
        if (format != null && !format.isEmpty()) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "kml" -> true;
                case "geojson" -> false;
                default -> throw HttpProblem.badRequest("format", "must be geojson or kml, got '"
                        + (format.length() <= 80 ? format : format.substring(0, 80) + "…") + "'");
            };
        }
        String accept = ctx.header("Accept");
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains(Kml.MEDIA_TYPE) && !lower.contains("application/geo+json") && !lower.contains("application/json");
    }

    static void kml(Context ctx, List<ControlArea> areas, Map<ActorId, Actor> actors, Instant at, Instant knownAt) {
        String title = "Truce: areas of control" + (at == null ? "" : " valid at " + at) + (knownAt == null ? "" : ", as known at " + knownAt);
        byte[] body = Kml.write(areas, title, id -> {
            Actor actor = actors.get(id);
            return actor == null ? null : at == null ? actor.name() : actor.nameAt(at);
        });
        ctx.status(200).contentType(Kml.MEDIA_TYPE + "; charset=utf-8").result(body);
    }
}
