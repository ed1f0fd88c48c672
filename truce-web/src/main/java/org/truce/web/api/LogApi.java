package org.truce.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.truce.domain.problem.Problem;
import org.truce.service.format.Json;
import org.truce.service.ledger.PublishedLog;
import org.truce.web.http.HttpProblem;
import org.truce.web.http.Responses;

/**
 * The log at the C2SP paths ({@code /log/checkpoint}, {@code /log/tile/...}), its verifier key, and
 * proofs and receipts as JSON. Full tiles and bundles never change, so they are cached for a year;
 * partial ones and the checkpoint change as the log grows.
 */
public final class LogApi {
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String SHORT = "public, max-age=2";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final PublishedLog log;

    public LogApi(PublishedLog log) {
        this.log = log;
    }

    public void checkpoint(Context ctx) {
        byte[] note = log.checkpoint().orElseThrow(() -> HttpProblem.notFound("no checkpoint yet: the log is empty"));
        ctx.header("Cache-Control", "no-cache").contentType(TEXT).result(note);
    }

    public void key(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType(TEXT).result(log.verifierKey() + "\n");
    }

    public void tile(Context ctx) {
        String path = "tile/" + ctx.pathParam("path");
        byte[] bytes = log.resource(path).orElseThrow(() -> HttpProblem.notFound("no tile at " + path));
        ctx.header("Cache-Control", path.contains(".p/") ? SHORT : IMMUTABLE).contentType("application/octet-stream").result(bytes);
    }

    public void inclusion(Context ctx) {
        long index = number(ctx, "index", 0);
        long size = number(ctx, "size", 1);
        checkSize(size);
        if (index >= size) {
            throw HttpProblem.badRequest("index", "must be below size (" + size + ")");
        }
        ObjectNode body = Json.object().put("index", index).put("tree_size", size)
                .put("leaf_hash", b64(log.leafHash(index)));
        hashes(body.putArray("proof"), log.inclusionProof(index, size));
        Responses.json(ctx, 200, body);
    }

    public void consistency(Context ctx) {
        long from = number(ctx, "from", 1);
        long to = number(ctx, "to", 1);
        checkSize(to);
        if (from > to) {
            throw HttpProblem.badRequest("from", "must not exceed to (" + to + ")");
        }
        ObjectNode body = Json.object().put("from", from).put("to", to);
        hashes(body.putArray("proof"), log.consistencyProof(from, to));
        Responses.json(ctx, 200, body);
    }

    /** Proof that entry {@code index} is in the log: the inclusion proof against the latest checkpoint, and that checkpoint. */
    public void receipt(Context ctx) {
        long index = pathNumber(ctx, "index");
        Optional<byte[]> note = log.checkpoint();
        long size = log.checkpointSize();
        if (note.isEmpty() || index >= size) {
            if (index < log.recordedSize()) {
                ctx.header("Retry-After", "1");
                throw new HttpProblem(409, "Not yet integrated", "entry " + index + " is recorded but not yet in a signed checkpoint; retry shortly",
                        List.of(new Problem("index", "is not yet in a checkpoint")));
            }
            throw HttpProblem.notFound("no entry " + index + " in the log's latest checkpoint (size " + size + ")");
        }
        ObjectNode body = Json.object().put("index", index).put("tree_size", size)
                .put("leaf_hash", b64(log.leafHash(index)))
                .put("checkpoint", new String(note.get(), StandardCharsets.UTF_8))
                .put("verifier_key", log.verifierKey());
        hashes(body.putArray("proof"), log.inclusionProof(index, size));
        Responses.json(ctx, 200, body);
    }

    private void checkSize(long size) {
        long published = log.checkpointSize();
        if (size > published) {
            throw HttpProblem.badRequest("size", "must not exceed the latest checkpoint's size (" + published + ")");
        }
    }

    private static long number(Context ctx, String name, long min) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            throw HttpProblem.badRequest(name, "is required (an integer >= " + min + ")");
        }
        return parse(name, text, min);
    }

    private static long pathNumber(Context ctx, String name) {
        return parse(name, ctx.pathParam(name), 0);
    }

    private static long parse(String name, String text, long min) {
        try {
            long n = Long.parseLong(text);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name, "must be an integer >= " + min + ", got '" + (text.length() > 40 ? text.substring(0, 40) : text) + "'");
        }
    }

    private static void hashes(ArrayNode array, List<byte[]> hashes) {
        hashes.forEach(h -> array.add(b64(h)));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
