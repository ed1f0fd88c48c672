package org.truce.service.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One accepted change, as recorded in the log (docs/spec/entry.md): what kind of change, in which
 * schema version, who made it, when Truce recorded it, and the change itself. {@code request} carries
 * the hashes of an idempotent request (key and body), or null.
 */
public record Entry(String type, int schema, String principal, Instant recordedAt, JsonNode payload, RequestHashes request) {
    public Entry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** SHA-256 (hex) of the client's Idempotency-Key and of the canonical request body. */
    public record RequestHashes(String idempotencyKeySha256, String bodySha256) {
    }
}
