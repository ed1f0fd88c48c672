package org.truce.service.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.truce.domain.release.Marking;

/**
 * One accepted change, as recorded in the log (docs/spec/entry.md): what kind of change, in which
 * schema version, who made it, when Truce recorded it, and the change itself. {@code request} carries
 * the hashes of an idempotent request (key and body), or null. {@code sealed} names the payload
 * fields that are not public (schema 2): each is absent from the payload, or present only as its
 * public stand-in, and committed to by a salted SHA-256.
 */
public record Entry(String type, int schema, String principal, Instant recordedAt, JsonNode payload, RequestHashes request,
        Map<String, Seal> sealed) {
    public Entry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(payload, "payload");
        sealed = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(sealed, "sealed")));
        if (schema < 2 && !sealed.isEmpty()) {
            throw new IllegalArgumentException("schema " + schema + " entries have no sealed fields");
        }
    }

    public Entry(String type, int schema, String principal, Instant recordedAt, JsonNode payload, RequestHashes request) {
        this(type, schema, principal, recordedAt, payload, request, Map.of());
    }

    /** SHA-256 (hex) of the client's Idempotency-Key and of the canonical request body. */
    public record RequestHashes(String idempotencyKeySha256, String bodySha256) {
    }

    /** A sealed field: who may read it, and the hex SHA-256 of its salt and canonical value. */
    public record Seal(Marking marking, String sha256) {
        public Seal {
            Objects.requireNonNull(marking, "marking");
            Objects.requireNonNull(sha256, "sha256");
        }
    }
}
