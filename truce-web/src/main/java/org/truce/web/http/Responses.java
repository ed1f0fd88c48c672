package org.truce.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import org.truce.service.format.Json;

/** JSON answers. */
public final class Responses {
    public static final String JSON = "application/json";
    public static final String GEOJSON = "application/geo+json";

    private Responses() {
    }

    public static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(JSON).result(Json.write(body));
    }

    public static void geojson(Context ctx, JsonNode body) {
        ctx.status(200).contentType(GEOJSON).result(Json.write(body));
    }
}
