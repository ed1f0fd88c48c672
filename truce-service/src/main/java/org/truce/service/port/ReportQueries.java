package org.truce.service.port;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The read side of reports. */
public interface ReportQueries {
    Optional<StoredReport> findReport(UUID id);

    /** Reports matching the query, in log order; at most {@code query.limit()}. */
    List<StoredReport> listReports(ReportQuery query);

    long countReports();

    /** True if a report imported with this external id (e.g. {@code ucdp-ged:214797}) exists. */
    boolean existsExternalId(String externalId);

    /** The report an idempotent request created, by the SHA-256 of its Idempotency-Key. */
    Optional<IdempotentRequest> findIdempotentRequest(String idempotencyKeySha256);

    /** A remembered idempotent request: its body hash and the report it created. */
    record IdempotentRequest(String bodySha256, UUID reportId) {
    }
}
