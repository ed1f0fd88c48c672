package org.truce.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.truce.domain.problem.InvalidInputException;
import org.truce.log.LogUnavailableException;
import org.truce.service.report.ReportService;
import org.truce.web.api.ActorsApi;
import org.truce.web.api.CatalogApi;
import org.truce.web.api.HealthApi;
import org.truce.web.api.LogApi;
import org.truce.web.api.OpenApiDocument;
import org.truce.web.api.ReportsApi;
import org.truce.web.api.TerritoryApi;
import org.truce.web.api.TerritoryImportApi;
import org.truce.web.api.TerritoryQueriesApi;
import org.truce.web.api.WitnessApi;
import org.truce.web.http.HttpProblem;
import org.truce.web.http.ProblemJson;
import org.truce.web.ui.MapPage;

/**
 * The HTTP server: REST API under {@code /api/v1}, pages, static files. Handlers run on virtual
 * threads. Every failure becomes an RFC 9457 problem; an unexpected exception is a 500 that is
 * logged with its stack trace and says nothing of internals to the client.
 */
public final class WebServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private WebServer() {
    }

    /** Every endpoint, in one place: the OpenAPI document must describe each of them (a test checks). */
    public static List<Route> routes(Services services, WebConfig config) {
        ReportsApi reports = new ReportsApi(services.reports());
        CatalogApi catalog = new CatalogApi(services.catalog());
        ActorsApi actors = new ActorsApi(services.catalog());
        TerritoryImportApi territoryImports = new TerritoryImportApi(services.catalog(), config.maxRequestBytes());
        TerritoryQueriesApi territoryQueries = new TerritoryQueriesApi(services.catalog());
        TerritoryApi territory = new TerritoryApi(services.catalog());
        MapPage map = new MapPage(services.catalog(), config);
        LogApi log = new LogApi(services.log());
        WitnessApi witness = new WitnessApi(services.witness());
        return List.of(
                new Route("GET", "/healthz", HealthApi::health),
                new Route("GET", "/api/v1/openapi.json", OpenApiDocument::serve),
                new Route("GET", "/api/v1/agreements", catalog::agreements),
                new Route("GET", "/api/v1/actors", actors::list),
                new Route("POST", "/api/v1/actors", actors::create),
                new Route("GET", "/api/v1/actors/{id}", actors::get),
                new Route("PUT", "/api/v1/actors/{id}", actors::replace),
                new Route("PATCH", "/api/v1/actors/{id}", actors::patch),
                new Route("GET", "/api/v1/actors/{id}/history", actors::history),
                new Route("GET", "/api/v1/areas", catalog::areas),
                new Route("GET", "/api/v1/lines", catalog::lines),
                new Route("GET", "/api/v1/zones", catalog::zones),
                new Route("POST", "/api/v1/territory/imports", territoryImports::submit),
                new Route("GET", "/api/v1/territory/changes", territoryQueries::changes),
                new Route("GET", "/api/v1/territory/lines/{id}/side", territoryQueries::side),
                new Route("GET", "/api/v1/territory/history", territoryQueries::history),
                new Route("GET", "/api/v1/territory/control", territory::control),
                new Route("POST", "/api/v1/reports", reports::submit),
                new Route("GET", "/api/v1/reports", reports::list),
                new Route("GET", "/api/v1/reports/{id}", reports::get),
                new Route("GET", "/log/checkpoint", log::checkpoint),
                new Route("GET", "/log/key", log::key),
                new Route("GET", "/log/tile/<path>", log::tile),
                new Route("GET", "/log/witness/key", witness::key),
                new Route("POST", "/log/witness/add-checkpoint", witness::addCheckpoint),
                new Route("GET", "/api/v1/log/proof/inclusion", log::inclusion),
                new Route("GET", "/api/v1/log/proof/consistency", log::consistency),
                new Route("GET", "/api/v1/log/receipt/{index}", log::receipt),
                new Route("GET", "/", map::render));
    }

    public static Javalin create(Services services, WebConfig config) {
        TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
        List<Route> routes = routes(services, config);
        return Javalin.create(c -> configure(c, config, templates, routes));
    }

    private static void configure(JavalinConfig c, WebConfig config, TemplateEngine templates, List<Route> routes) {
        c.concurrency.useVirtualThreads = true;
        c.startup.showJavalinBanner = false;
        c.http.maxRequestSize = config.maxRequestBytes();
        c.http.prefer405over404 = true;
        c.staticFiles.enableWebjars();
        c.staticFiles.add(sf -> {
            sf.hostedPath = "/static";
            sf.directory = "/org/truce/web/static";
            sf.location = Location.CLASSPATH;
        });
        if (config.basemapClasspathDir() != null) {
            c.staticFiles.add(sf -> {
                sf.hostedPath = "/basemap";
                sf.directory = config.basemapClasspathDir();
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "max-age=86400");
            });
        }
        c.fileRenderer((name, model, ctx) -> {
            StringOutput out = new StringOutput();
            templates.render(name, new HashMap<String, Object>(model), out);
            return out.toString();
        });
        c.routes.before(WebServer::securityHeaders);
        for (Route r : routes) {
            switch (r.method()) {
                case "GET" -> c.routes.get(r.path(), r.handler());
                case "POST" -> c.routes.post(r.path(), r.handler());
                case "PUT" -> c.routes.put(r.path(), r.handler());
                case "PATCH" -> c.routes.patch(r.path(), r.handler());
                default -> throw new IllegalArgumentException("unsupported method " + r.method());
            }
        }
        registerErrors(c);
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
    }

    private static void registerErrors(JavalinConfig c) {
        c.routes.exception(HttpProblem.class, (e, ctx) -> ProblemJson.write(ctx, e));
        c.routes.exception(InvalidInputException.class, (e, ctx) ->
                ProblemJson.write(ctx, 422, "Invalid input", e.getMessage(), e.problems()));
        c.routes.exception(ReportService.IdempotencyConflictException.class, (e, ctx) ->
                ProblemJson.write(ctx, 422, "Idempotency-Key reused", e.getMessage(),
                        List.of(new org.truce.domain.problem.Problem("Idempotency-Key", e.getMessage()))));
        c.routes.exception(LogUnavailableException.class, (e, ctx) -> {
            LOG.error("the log refused a write", e);
            ctx.header("Retry-After", "5");
            ProblemJson.write(ctx, 503, "Record unavailable", "the change was not recorded; retry later", List.of());
        });
        c.routes.exception(HttpResponseException.class, (e, ctx) ->
                ProblemJson.write(ctx, e.getStatus(), e.getMessage(), null, List.of()));
        c.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            ProblemJson.write(ctx, 500, "Internal error", "the server failed; the failure was logged", List.of());
        });
        c.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ProblemJson.write(ctx, 404, "Not found", "no resource at " + ctx.path(), List.of());
            }
        });
        c.routes.error(405, ctx -> ProblemJson.write(ctx, 405, "Method not allowed",
                ctx.method() + " is not allowed on " + ctx.path(), List.of()));
    }
}
