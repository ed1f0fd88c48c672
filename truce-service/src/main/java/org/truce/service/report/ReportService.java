package org.truce.service.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.truce.domain.actor.ActorDirectory;
import org.truce.domain.problem.InvalidInputException;
import org.truce.domain.release.Releasability;
import org.truce.domain.problem.Problems;
import org.truce.domain.report.ReportDraft;
import org.truce.domain.report.ReportRules;
import org.truce.service.format.Json;
import org.truce.service.format.ReportFormat;
import org.truce.service.ledger.Entry;
import org.truce.service.ledger.EntryType;
import org.truce.service.ledger.Ledger;
import org.truce.service.ledger.Sealing;
import org.truce.service.port.ReportQueries;
import org.truce.service.port.ReportQuery;
import org.truce.service.port.StoredReport;

/** Submitting and reading reports. */
public final class ReportService {
    private final Ledger ledger;
    private final ReportQueries reports;
    private final Supplier<ActorDirectory> actors;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final ConcurrentHashMap<String, ReentrantLock> inFlightKeys = new ConcurrentHashMap<>();
    /** Held from the external-id check to the append, so that one external id is never recorded twice. */
    private final ReentrantLock externalIds = new ReentrantLock();

    public ReportService(Ledger ledger, ReportQueries reports, Supplier<ActorDirectory> actors, Clock clock, Supplier<UUID> ids) {
        this.ledger = ledger;
        this.reports = reports;
        this.actors = actors;
        this.clock = clock;
        this.ids = ids;
    }

    /** The outcome of a submission: the stored report, and whether it was a replay of an earlier idempotent request. */
    public record Submitted(StoredReport stored, boolean replayed) {
    }

    /** A request reused an Idempotency-Key with a different body. */
    public static final class IdempotencyConflictException extends RuntimeException {
        public IdempotencyConflictException() {
            super("this Idempotency-Key was already used with a different request body");
        }
    }

    /**
     * Validates and records a report given as JSON. With an idempotency key, the same key and body
     * give the same answer and no second entry; the same key with another body is refused.
     *
     * @throws InvalidInputException listing every problem; nothing was recorded
     */
    public Submitted submit(String principal, JsonNode body, String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Submitted(record(principal, body, null), false);
        }
        String keyHash = Hashing.sha256Hex((principal + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        String bodyHash = Hashing.sha256Hex(Json.canonical(body));
        ReentrantLock lock = inFlightKeys.computeIfAbsent(keyHash, k -> new ReentrantLock());
        lock.lock();
        try {
            Optional<ReportQueries.IdempotentRequest> earlier = reports.findIdempotentRequest(keyHash);
            if (earlier.isPresent()) {
                if (!earlier.get().bodySha256().equals(bodyHash)) {
                    throw new IdempotencyConflictException();
                }
                return new Submitted(reports.findReport(earlier.get().reportId()).orElseThrow(), true);
            }
            return new Submitted(record(principal, body, new Entry.RequestHashes(keyHash, bodyHash)), false);
        } finally {
            lock.unlock();
            inFlightKeys.remove(keyHash, lock);
        }
    }

    private StoredReport record(String principal, JsonNode body, Entry.RequestHashes request) {
        Problems problems = new Problems();
        ReportDraft draft = ReportFormat.draft(body, problems);
        ActorDirectory directory = actors.get();
        Releasability releasability = ReportFormat.releasability(body, id -> directory.byId(id).isPresent(), problems);
        problems.throwIfAny();
        return record(principal, draft, releasability, request);
    }

    /**
     * Validates and records a report draft (from an import) with every field public; returns the stored report.
     *
     * @throws InvalidInputException listing every problem; nothing was recorded
     */
    public StoredReport record(String principal, ReportDraft draft, Entry.RequestHashes request) {
        return record(principal, draft, Releasability.ALL_PUBLIC, request);
    }

    private StoredReport record(String principal, ReportDraft draft, Releasability releasability, Entry.RequestHashes request) {
        UUID id = ids.get();
        ReportRules.Outcome outcome = ReportRules.validate(draft, id, clock.instant(), actors.get());
        outcome.problems().throwIfAny();
        Sealing.Sealed sealed = Sealing.seal(ReportFormat.payload(outcome.report()), releasability, ReportFormat.SEALABLE);
        if (draft.externalId() == null) {
            // nothing to deduplicate: concurrent submissions stay concurrent, so the log can commit them together
            ledger.record(principal, EntryType.REPORT_SUBMITTED, sealed, request);
        } else {
            recordOnce(principal, draft.externalId(), sealed, request);
        }
        return reports.findReport(id).orElseThrow(() -> new IllegalStateException("report " + id + " was recorded but not projected"));
    }

    /** Validates a draft without recording it: a report with a fresh id, or the problems. */
    public ReportRules.Outcome check(ReportDraft draft) {
        return ReportRules.validate(draft, ids.get(), clock.instant(), actors.get());
    }

    private void recordOnce(String principal, String externalId, Sealing.Sealed report, Entry.RequestHashes request) {
        externalIds.lock();
        try {
            if (reports.existsExternalId(externalId)) {
                throw InvalidInputException.of("external_id", "a report with external id '" + externalId + "' is already recorded");
            }
            ledger.record(principal, EntryType.REPORT_SUBMITTED, report, request);
        } finally {
            externalIds.unlock();
        }
    }

    /**
     * Records validated reports as one atomic group of entries (bulk imports), leaving out any whose
     * external id was recorded meanwhile; returns how many were recorded.
     */
    public int recordAll(String principal, List<org.truce.domain.report.Report> batch) {
        externalIds.lock();
        try {
            var fresh = batch.stream().filter(r -> r.externalId() == null || !reports.existsExternalId(r.externalId())).toList();
            if (!fresh.isEmpty()) {
                ledger.recordAll(principal, fresh.stream()
                        .map(r -> new Ledger.TypedPayload(EntryType.REPORT_SUBMITTED, ReportFormat.payload(r))).toList());
            }
            return fresh.size();
        } finally {
            externalIds.unlock();
        }
    }

    public Optional<StoredReport> find(UUID id) {
        return reports.findReport(id);
    }

    public List<StoredReport> list(ReportQuery query) {
        return reports.listReports(query);
    }

    public long count() {
        return reports.countReports();
    }
}
