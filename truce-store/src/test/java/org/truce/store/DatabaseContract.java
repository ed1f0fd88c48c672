package org.truce.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.domain.report.Report;
import org.truce.service.port.Change;

/** Opening, migrating and reopening a {@link Database}; run on each database by its subclasses. */
abstract class DatabaseContract {
    private final Dialect dialect;
    @TempDir
    Path tempDir;

    private TestDatabase db;

    DatabaseContract(Dialect dialect) {
        this.dialect = dialect;
    }

    @BeforeEach
    void open() {
        db = TestDatabase.create(dialect, tempDir);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void connect_detectsTheDialect() {
        assertThat(db.database().dialect()).isEqualTo(dialect);
    }

    @Test
    void migrate_secondTime_appliesNothing() {
        assertThat(db.database().migrate()).isZero();
        assertThat(db.database().migrate()).isZero();
        assertThat(new JdbiStore(db.database()).appliedSize()).isZero();
    }

    @Test
    void migrations_validateAgainstTheMigratedDatabase() {
        var result = Flyway.configure().dataSource(db.database().dataSource()).locations(Database.MIGRATIONS).load().validateWithResult();
        assertThat(result.validationSuccessful).as("%s", result.getAllErrorMessages()).isTrue();
    }

    @Test
    void reopen_keepsProjectionsAndLog() {
        Report report = Fixtures.report(UUID.randomUUID(), "2016-05-06T07:00:00Z", "2016-05-06T08:00:00Z");
        new JdbiStore(db.database()).apply(Fixtures.at(0), new Change.ReportRecorded(report, null));
        new JdbcRecordLog(db.database()).append(new byte[] {42});

        Database reopened = db.reopen();

        assertThat(reopened.migrate()).isZero();
        JdbiStore store = new JdbiStore(reopened);
        assertThat(store.appliedSize()).isEqualTo(1);
        assertThat(store.findReport(report.id()).orElseThrow().report()).isEqualTo(report);
        assertThat(new JdbcRecordLog(reopened).read(0)).isEqualTo(new byte[] {42});
    }

    @Test
    void embedded_keepsItsFilesUnderDataDirDb() {
        if (dialect == Dialect.H2) {
            assertThat(Files.exists(tempDir.resolve("db").resolve("truce.mv.db"))).isTrue();
        } else {
            assertThat(tempDir).isEmptyDirectory(); // PostgreSQL keeps nothing locally
        }
    }
}
