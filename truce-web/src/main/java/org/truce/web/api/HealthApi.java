package org.truce.web.api;

import io.javalin.http.Context;
import org.truce.service.format.Json;
import org.truce.web.http.Responses;

/** Liveness. */
public final class HealthApi {
    private HealthApi() {
    }

    public static void health(Context ctx) {
        Responses.json(ctx, 200, Json.object().put("status", "ok"));
    }
}
