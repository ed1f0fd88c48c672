package org.truce.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.truce.domain.geo.BoundingBox;
import org.truce.domain.problem.Problem;
import org.truce.service.format.Json;
import org.truce.service.format.ReportFormat;
import org.truce.service.port.ReportQuery;
import org.truce.service.port.StoredReport;
import org.truce.service.report.ReportService;
import org.truce.web.http.Bodies;
import org.truce.web.http.HttpProblem;
import org.truce.web.http.Params;
import org.truce.web.http.Responses;

/** {@code /api/v1/reports}: submit, read one, list. */
public final class ReportsApi {
    /** Largest report body; a report is a few kilobytes, the longest description 10,000 characters. */
    public static final long MAX_BODY_BYTES = 256 * 1024;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String ANONYMOUS = "anonymous";

    private final ReportService reports;

    public ReportsApi(ReportService reports) {
        this.reports = reports;
    }

    public void submit(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new HttpProblem(400, "Bad request", "Idempotency-Key must be 1–255 visible ASCII characters",
                    List.of(new Problem("Idempotency-Key", "must be 1–255 visible ASCII characters")));
        }
        JsonNode body = Bodies.json(ctx, MAX_BODY_BYTES);
        ReportService.Submitted submitted = reports.submit(ANONYMOUS, body, key);
        StoredReport stored = submitted.stored();
        ctx.header("Location", "/api/v1/reports/" + stored.report().id());
        if (submitted.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        Responses.json(ctx, 201, json(stored));
    }

    public void get(Context ctx) {
        UUID id = uuid(ctx.pathParam("id"));
        StoredReport stored = reports.find(id).orElseThrow(() -> HttpProblem.notFound("no report with id " + id));
        Responses.json(ctx, 200, json(stored));
    }

    public void list(Context ctx) {
        Params params = new Params(ctx);
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        BoundingBox bbox = params.bbox("bbox");
        int limit = params.integer("limit", 100, 1, ReportQuery.MAX_LIMIT);
        long cursor = params.cursor("cursor");
        Instant knownAt = params.instant("known_at");
        params.done();
        if (from != null && to != null && to.isBefore(from)) {
            throw HttpProblem.badRequest("to", "must not be before from");
        }
        List<StoredReport> page = reports.list(new ReportQuery(from, to, bbox, cursor, limit, knownAt));
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        page.forEach(r -> items.add(json(r)));
        body.put("next_cursor", page.size() == limit ? String.valueOf(page.get(page.size() - 1).recorded().logIndex()) : null);
        Responses.json(ctx, 200, body);
    }

    static ObjectNode json(StoredReport stored) {
        ObjectNode o = ReportFormat.withVisibility(ReportFormat.payload(stored.report()), stored.visibility());
        o.put("log_index", stored.recorded().logIndex());
        o.put("recorded_at", stored.recorded().recordedAt().toString());
        return o;
    }

    private static UUID uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("id", "must be a report id (a UUID such as 3f1c…), got '" + (text.length() > 60 ? text.substring(0, 60) : text) + "'");
        }
    }
}
