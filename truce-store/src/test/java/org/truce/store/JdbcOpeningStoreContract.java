package org.truce.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.log.sealed.TestOpenings.forged;
import static org.truce.log.sealed.TestOpenings.numbered;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.sealed.Opening;
import org.truce.log.sealed.OpeningStore;
import org.truce.log.sealed.OpeningStoreContract;
import org.truce.log.sealed.OpeningStoreCorruptedException;

/**
 * truce-log's {@link OpeningStoreContract} for {@link JdbcOpeningStore}, plus the cases only a
 * database has; run on each database by its subclasses.
 */
abstract class JdbcOpeningStoreContract extends OpeningStoreContract {
    private final Dialect dialect;
    @TempDir
    Path tempDir;

    private TestDatabase db;

    JdbcOpeningStoreContract(Dialect dialect) {
        this.dialect = dialect;
    }

    /** A fresh database for the test's first store; each reopen closes it and opens it again from what it left behind. */
    @Override
    protected OpeningStore openStore() {
        if (db == null) {
            db = TestDatabase.create(dialect, tempDir);
            return new JdbcOpeningStore(db.database());
        }
        return new JdbcOpeningStore(db.reopen());
    }

    @Override
    protected void closeStorage() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aDestroyedRow_keepsNoSaltOrValue_andRecordsWhen() {
        Opening a = numbered(1);
        store.putAll(List.of(a, numbered(2)));
        store.destroy(a.commitment());
        db.database().jdbi().useHandle(handle -> {
            var row = handle.createQuery("SELECT salt, sealed_value, destroyed_at FROM openings WHERE commitment = :c")
                    .bind("c", a.commitment())
                    .mapToMap()
                    .one();
            assertThat(row.get("salt")).isNull();
            assertThat(row.get("sealed_value")).isNull();
            assertThat(row.get("destroyed_at")).isNotNull();
            assertThat(handle.createQuery("SELECT COUNT(*) FROM openings WHERE destroyed_at IS NULL").mapTo(Long.class).one())
                    .isEqualTo(1);
        });
    }

    @Test
    void aRowWhoseValueDoesNotMatchItsCommitment_failsItsFindNamingTheCommitment() {
        Opening a = numbered(1);
        store.putAll(List.of(a, numbered(2)));
        db.database().jdbi().useHandle(handle -> handle.createUpdate("UPDATE openings SET sealed_value = :v WHERE commitment = :c")
                .bind("v", forged(a).value())
                .bind("c", a.commitment())
                .execute());
        assertThatThrownBy(() -> store.find(a.commitment()))
                .isInstanceOfSatisfying(OpeningStoreCorruptedException.class,
                        e -> assertThat(e.commitmentHex()).contains(a.commitmentHex()))
                .hasMessageContaining("do not hash to the commitment");
        assertThat(store.find(numbered(2).commitment())).contains(numbered(2));
    }
}
