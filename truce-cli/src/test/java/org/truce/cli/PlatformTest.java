package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.service.format.Json;
import org.truce.web.Route;
import org.truce.web.WebConfig;
import org.truce.web.WebServer;

/** Health, the OpenAPI document, and how unknown paths and methods are answered. */
class PlatformTest {
    @TempDir
    Path temp;

    private TestServer server() {
        return TestServer.start(TestStores.options(new TestStores.Kind("h2"), temp), false);
    }

    @Test
    void healthzAnswersOk() {
        try (TestServer server = server()) {
            HttpResponse<String> health = server.get("/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteAndNothingElse() {
        try (TestServer server = server()) {
            HttpResponse<String> response = server.get("/api/v1/openapi.json");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode doc = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
            assertThat(doc.get("openapi").textValue()).startsWith("3.1");
            var routes = WebServer.routes(server.runtime().services(), new WebConfig(null, "test", 1));
            int operations = 0;
            for (Route route : routes) {
                JsonNode operation = doc.path("paths").path(route.openApiPath()).path(route.method().toLowerCase(Locale.ROOT));
                assertThat(operation.isMissingNode()).as(route.method() + " " + route.path() + " is documented").isFalse();
                assertThat(operation.path("responses").size()).as(route.path() + " has responses").isGreaterThan(0);
                operations++;
            }
            int documented = 0;
            for (JsonNode path : doc.get("paths")) {
                documented += path.size();
            }
            assertThat(documented).as("no documented operation without a route").isEqualTo(operations);
        }
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        try (TestServer server = server()) {
            HttpResponse<String> missing = server.get("/api/v1/nothing-here");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
            HttpResponse<String> wrongMethod = server.send(HttpRequest.newBuilder(server.uri("/api/v1/agreements"))
                    .DELETE().build());
            assertThat(wrongMethod.statusCode()).isIn(404, 405);
            assertThat(wrongMethod.headers().firstValue("Content-Type")).contains("application/problem+json");
            HttpResponse<String> badInstant = server.get("/api/v1/areas?at=2016-13-45");
            assertThat(badInstant.statusCode()).isEqualTo(400);
            assertThat(badInstant.body()).contains("\"field\":\"at\"");
        }
    }

    @Test
    void responsesCarrySecurityHeaders() {
        try (TestServer server = server()) {
            HttpResponse<String> page = server.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }
}
