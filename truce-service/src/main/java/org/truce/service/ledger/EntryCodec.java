package org.truce.service.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.truce.domain.release.Marking;
import org.truce.service.format.Json;

/**
 * Encodes entries as canonical JSON (keys sorted, no whitespace, UTF-8) and decodes them. The bytes
 * are what the log keeps and what any verifier hashes, so the encoding of a given entry never changes:
 * an entry of schema 1 re-encodes to its original bytes in every later version.
 */
public final class EntryCodec {
    /** The schema new entries are written in. */
    public static final int SCHEMA = 2;
    /** The oldest schema this Truce still reads. */
    public static final int OLDEST_SCHEMA = 1;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

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
        if (!entry.sealed().isEmpty()) {
            ObjectNode sealed = o.putObject("sealed");
            entry.sealed().forEach((field, seal) -> sealed.putObject(field)
                    .put("marking", seal.marking().code())
                    .put("sha256", seal.sha256()));
        }
        return Json.canonical(o);
    }

    public static Entry decode(byte[] bytes) {
        JsonNode o = Json.parse(bytes);
        int schema = o.path("schema").asInt(-1);
        if (schema < OLDEST_SCHEMA || schema > SCHEMA) {
            throw new IllegalStateException("unsupported entry schema " + schema + " (this Truce reads schemas "
                    + OLDEST_SCHEMA + " to " + SCHEMA + ")");
        }
        JsonNode request = o.get("request");
        Entry.RequestHashes hashes = request == null ? null
                : new Entry.RequestHashes(request.get("idempotency_key_sha256").textValue(), request.get("body_sha256").textValue());
        return new Entry(o.get("type").textValue(), schema, o.get("principal").textValue(),
                Instant.parse(o.get("recorded_at").textValue()), o.get("payload"), hashes, seals(o.get("sealed")));
    }

    private static Map<String, Entry.Seal> seals(JsonNode sealed) {
        var seals = new TreeMap<String, Entry.Seal>();
        if (sealed == null) {
            return seals;
        }
        sealed.fields().forEachRemaining(field -> {
            String code = field.getValue().path("marking").textValue();
            Marking marking = Marking.parse(code).filter(m -> !m.isPublic()).orElseThrow(() -> new IllegalStateException(
                    "sealed field '" + field.getKey() + "' has marking '" + code + "', which is not a non-public marking"));
            String sha256 = field.getValue().path("sha256").textValue();
            if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
                throw new IllegalStateException("sealed field '" + field.getKey() + "' has no lowercase hex SHA-256 commitment");
            }
            seals.put(field.getKey(), new Entry.Seal(marking, sha256));
        });
        return seals;
    }
}
