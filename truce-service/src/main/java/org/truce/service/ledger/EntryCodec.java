package org.truce.service.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.truce.service.format.Json;

/**
 * Encodes entries as canonical JSON (keys sorted, no whitespace, UTF-8) and decodes them. The bytes
 * are what the log keeps and what any verifier hashes, so the encoding of a given entry never changes.
 */
public final class EntryCodec {
    public static final int SCHEMA = 1;

    private EntryCodec() {
    }

    public static byte[] encode(Entry entry) {
        ObjectNode o = Json.object();
        o.put("type", entry.type());
        o.put("schema", entry.schema());
        o.put("principal", entry.principal());
        o.put("recorded_at", entry.recordedAt().toString());
        o.set("payload", entry.payload());
        if (entry.request() != null) {
            o.putObject("request")
                    .put("idempotency_key_sha256", entry.request().idempotencyKeySha256())
                    .put("body_sha256", entry.request().bodySha256());
        }
        return Json.canonical(o);
    }

    public static Entry decode(byte[] bytes) {
        JsonNode o = Json.parse(bytes);
        int schema = o.path("schema").asInt(-1);
        if (schema != SCHEMA) {
            throw new IllegalStateException("unsupported entry schema " + schema + " (this Truce reads schema " + SCHEMA + ")");
        }
        JsonNode request = o.get("request");
        Entry.RequestHashes hashes = request == null ? null
                : new Entry.RequestHashes(request.get("idempotency_key_sha256").textValue(), request.get("body_sha256").textValue());
        return new Entry(o.get("type").textValue(), schema, o.get("principal").textValue(),
                Instant.parse(o.get("recorded_at").textValue()), o.get("payload"), hashes);
    }
}
