package org.truce.web.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.truce.web.http.Responses;

/** Serves the OpenAPI 3.1 document, kept by hand in {@code openapi.json} beside this class. */
public final class OpenApiDocument {
    private static final byte[] DOCUMENT = load();

    private OpenApiDocument() {
    }

    private static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/org/truce/web/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] document() {
        return DOCUMENT.clone();
    }

    public static void serve(Context ctx) {
        ctx.status(200).contentType(Responses.JSON).result(DOCUMENT);
    }
}
