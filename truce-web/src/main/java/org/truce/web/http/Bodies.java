package org.truce.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.truce.domain.problem.Problem;
import org.truce.service.format.Json;
import org.truce.service.format.MalformedJsonException;

/** Reads request bodies within a size limit and checks their content type before parsing. */
public final class Bodies {
    private Bodies() {
    }

    /** Reads a JSON body of at most {@code maxBytes}; anything else is a problem answer. */
    public static JsonNode json(Context ctx, long maxBytes) {
        requireContentType(ctx, "application/json");
        byte[] bytes = bounded(ctx, maxBytes);
        if (bytes.length == 0) {
            throw new HttpProblem(400, "Bad request", "the request body is empty; a JSON document is required",
                    List.of(new Problem("(body)", "is empty")));
        }
        try {
            return Json.parse(bytes);
        } catch (MalformedJsonException e) {
            String where = e.line() > 0 ? " at line " + e.line() + ", column " + e.column() : "";
            throw new HttpProblem(400, "Malformed JSON", "the body is not valid JSON" + where + ": " + e.getMessage(),
                    List.of(new Problem("(body)", "is not valid JSON" + where + ": " + e.getMessage())));
        }
    }

    static void requireContentType(Context ctx, String expected) {
        String type = ctx.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(expected) && !(mediaType.startsWith("application/") && mediaType.endsWith("+json") && expected.equals("application/json"))) {
            throw new HttpProblem(415, "Unsupported media type",
                    "this endpoint takes " + expected + ", got " + (type == null ? "no Content-Type" : "'" + type + "'"),
                    List.of(new Problem("Content-Type", "must be " + expected)));
        }
    }

    /** The body's bytes, refusing more than {@code maxBytes} whether or not Content-Length was sent. */
    public static byte[] bounded(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new HttpProblem(400, "Bad request", "the request body could not be read: " + e.getMessage(),
                    List.of(new Problem("(body)", "could not be read")));
        }
    }

    private static HttpProblem tooLarge(long maxBytes) {
        return new HttpProblem(413, "Content too large", "the request body exceeds " + maxBytes + " bytes",
                List.of(new Problem("(body)", "must be at most " + maxBytes + " bytes")));
    }
}
