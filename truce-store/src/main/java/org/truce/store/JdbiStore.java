package org.truce.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;
import org.truce.service.port.ActorVersion;
import org.truce.service.port.Change;
import org.truce.service.port.ReportQuery;
import org.truce.service.port.Store;
import org.truce.service.port.StoredReport;

/**
 * The projections of the record log in SQL tables (schema: {@code db/migration/common}), on H2 or
 * PostgreSQL. Thread-safe: every call runs in its own transaction or statement.
 *
 * <p>{@link #apply} does three things in one transaction: it moves {@code projection_state.applied_size}
 * from {@code logIndex} to {@code logIndex + 1} (a conditional UPDATE, which also locks the row
 * against a concurrent apply), inserts the change's rows, and commits. A failure or crash anywhere
 * before the commit leaves neither, so the tables always equal the projection of a prefix of the log.
 *
 * <p>{@link #close} does not close the {@link Database}; its owner does.
 */
public final class JdbiStore implements Store {
    /** idempotent_requests first: it refers to reports. */
    private static final List<String> DELETE_ALL = List.of("DELETE FROM idempotent_requests", "DELETE FROM reports",
            "DELETE FROM actors", "DELETE FROM actor_versions", "DELETE FROM agreements", "DELETE FROM areas", "DELETE FROM lines", "DELETE FROM zones");

    private final Jdbi jdbi;

    public JdbiStore(Database database) {
        this.jdbi = Objects.requireNonNull(database, "database").jdbi();
    }

    @Override
    public long appliedSize() {
        return jdbi.withHandle(JdbiStore::appliedSize);
    }

    private static long appliedSize(Handle handle) {
        return handle.createQuery("SELECT applied_size FROM projection_state WHERE id = 1").mapTo(Long.class).one();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if {@code at.logIndex() != appliedSize()}; nothing changed
     */
    @Override
    public void apply(Change.At at, Change change) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(change, "change");
        jdbi.useTransaction(handle -> {
            advance(handle, at.logIndex());
            insert(handle, at, change);
        });
    }

    private static void advance(Handle handle, long logIndex) {
        int updated = handle.createUpdate("UPDATE projection_state SET applied_size = :next WHERE id = 1 AND applied_size = :index")
                .bind("next", logIndex + 1)
                .bind("index", logIndex)
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("cannot apply the entry at log index " + logIndex
                    + ": the projections hold " + appliedSize(handle) + " entries, so the next entry is at that index");
        }
    }

    private static void insert(Handle handle, Change.At at, Change change) {
        long index = at.logIndex();
        switch (change) {
            case Change.ReportRecorded c -> ReportRows.insert(handle, at, c.report(), c.request(), c.visibility());
            case Change.ActorRecorded c -> CatalogRows.insertActor(handle, at, c.actor(), c.request());
            case Change.AgreementRecorded c -> CatalogRows.insertAgreement(handle, index, c.agreement());
            case Change.AreaRecorded c -> CatalogRows.insertArea(handle, index, at.recordedAt(), c.area());
            case Change.LineRecorded c -> CatalogRows.insertLine(handle, index, c.line());
            case Change.ZoneRecorded c -> CatalogRows.insertZone(handle, index, c.zone());
        }
    }

    @Override
    public void clear() {
        jdbi.useTransaction(handle -> {
            for (String delete : DELETE_ALL) {
                handle.createUpdate(delete).execute();
            }
            handle.createUpdate("UPDATE projection_state SET applied_size = 0 WHERE id = 1").execute();
        });
    }

    @Override
    public Optional<StoredReport> findReport(UUID id) {
        Objects.requireNonNull(id, "id");
        return jdbi.withHandle(handle -> ReportRows.find(handle, id));
    }

    @Override
    public List<StoredReport> listReports(ReportQuery query) {
        Objects.requireNonNull(query, "query");
        return jdbi.withHandle(handle -> ReportRows.list(handle, query));
    }

    @Override
    public long countReports() {
        return jdbi.withHandle(ReportRows::count);
    }

    @Override
    public boolean existsExternalId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        return jdbi.withHandle(handle -> ReportRows.existsExternalId(handle, externalId));
    }

    @Override
    public Optional<IdempotentRequest> findIdempotentRequest(String idempotencyKeySha256) {
        Objects.requireNonNull(idempotencyKeySha256, "idempotencyKeySha256");
        return jdbi.withHandle(handle -> ReportRows.findRequest(handle, idempotencyKeySha256));
    }

    @Override
    public List<Actor> actors() {
        return jdbi.withHandle(CatalogRows::actors);
    }

    @Override
    public List<ActorVersion> actorVersions(ActorId id) {
        Objects.requireNonNull(id, "id");
        return jdbi.withHandle(handle -> CatalogRows.actorVersions(handle, id.value()));
    }

    @Override
    public List<ActorVersion> actorVersions() {
        return jdbi.withHandle(handle -> CatalogRows.actorVersions(handle, null));
    }

    @Override
    public Optional<ActorVersion> actorVersionByRequest(String idempotencyKeySha256) {
        Objects.requireNonNull(idempotencyKeySha256, "idempotencyKeySha256");
        return jdbi.withHandle(handle -> CatalogRows.actorVersionByRequest(handle, idempotencyKeySha256));
    }

    @Override
    public List<Agreement> agreements() {
        return jdbi.withHandle(CatalogRows::agreements);
    }

    @Override
    public List<ControlArea> areas() {
        return jdbi.withHandle(CatalogRows::areas);
    }

    @Override
    public List<ControlArea> areasAt(Instant at, Instant knownAt) {
        Objects.requireNonNull(at, "at");
        return jdbi.withHandle(handle -> CatalogRows.areasAt(handle, at, knownAt));
    }

    @Override
    public List<NamedLine> lines() {
        return jdbi.withHandle(CatalogRows::lines);
    }

    @Override
    public List<Zone> zones() {
        return jdbi.withHandle(CatalogRows::zones);
    }

    /** Nothing to release: the tables belong to the {@link Database}, which its owner closes. */
    @Override
    public void close() {
    }
}
