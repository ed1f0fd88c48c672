package org.truce.cli;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.truce.web.WebConfig;
import org.truce.web.WebServer;

/** A real Truce server on a free port over a real store, for end-to-end tests. */
public final class TestServer implements AutoCloseable {
    private final Runtime runtime;
    private final Javalin app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Runtime runtime, Javalin app) {
        this.runtime = runtime;
        this.app = app;
    }

    public static TestServer start(StoreOptions options, boolean demo) {
        return start(options, new WitnessOptions(), demo);
    }

    /** Like {@link #start(StoreOptions, boolean)}, witnessing and asking witnesses as {@code witnessing} says. */
    public static TestServer start(StoreOptions options, WitnessOptions witnessing, boolean demo) {
        Runtime runtime = Runtime.open(options, witnessing);
        runtime.catchUp();
        if (demo && runtime.ledger().size() == 0) {
            DemoScenario.load(runtime.imports());
        }
        WebConfig config = new WebConfig(DemoScenario.BASEMAP, "test", WebConfig.DEFAULT_MAX_REQUEST_BYTES);
        return new TestServer(runtime, WebServer.create(runtime.services(), config).start("127.0.0.1", 0));
    }

    public Runtime runtime() {
        return runtime;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> postJson(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
        runtime.close();
    }
}
