package org.truce.web.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.truce.domain.problem.Problem;
import org.truce.service.format.Json;

/** Writes RFC 9457 {@code application/problem+json} answers, always with an {@code errors} array. */
public final class ProblemJson {
    public static final String CONTENT_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    public static void write(Context ctx, int status, String title, String detail, List<Problem> errors) {
        ObjectNode body = Json.object();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", ctx.path());
        ArrayNode list = body.putArray("errors");
        for (Problem p : errors) {
            list.addObject().put("field", p.field()).put("message", p.message());
        }
        ctx.status(status).contentType(CONTENT_TYPE).result(Json.write(body));
    }

    public static void write(Context ctx, HttpProblem problem) {
        write(ctx, problem.status(), problem.title(), problem.getMessage(), problem.errors());
    }
}
