package org.truce.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.truce.log.RecordLog;
import org.truce.log.file.FileRecordLog;
import org.truce.log.sealed.FileOpeningStore;
import org.truce.log.sealed.OpeningSource;
import org.truce.log.sealed.OpeningStore;
import org.truce.log.merkle.MerkleLog;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.sign.WitnessKeys;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.log.witness.CosignatureCollector;
import org.truce.log.witness.Witness;
import org.truce.log.witness.WitnessEndpoint;
import org.truce.service.ledger.PublishedLog;
import org.truce.service.catalog.CatalogService;
import org.truce.service.intake.ImportService;
import org.truce.service.ledger.Ledger;
import org.truce.service.port.Store;
import org.truce.service.report.ReportService;
import org.truce.store.Database;
import org.truce.store.JdbcOpeningStore;
import org.truce.store.JdbcRecordLog;
import org.truce.store.JdbcTileStore;
import org.truce.store.JdbiStore;
import org.truce.verify.note.VerifierKey;
import org.truce.web.Services;

/**
 * The composition root: the one place where the log, the store and the services are built and
 * wired. Opening it brings the projections up to date with the log.
 */
public final class Runtime implements AutoCloseable {
    private final Database database;
    private final RecordLog log;
    private final Store store;
    private final Ledger ledger;
    private final CatalogService catalog;
    private final ReportService reports;
    private final ImportService imports;

    private final MerkleLog merkle;
    private final OpeningStore openings;
    private Optional<Witness> witness = Optional.empty();
    private CosignatureCollector cosignatures; // null without witnesses

    private Runtime(Database database, MerkleLog log, OpeningStore openings) {
        this.database = database;
        this.log = log;
        this.merkle = log;
        this.openings = openings;
        this.store = new JdbiStore(database);
        Clock clock = Clock.systemUTC();
        this.ledger = new Ledger(log, openings, store, clock);
        this.catalog = new CatalogService(ledger, store);
        this.reports = new ReportService(ledger, store, catalog::directory, clock, UUID::randomUUID);
        this.imports = new ImportService(catalog, reports, store);
    }

    /**
     * Opens the store the options name. The embedded store keeps its log in Truce's own append-only
     * files under {@code DIR/log} (durable per batch) and the projections in H2 under {@code DIR/db};
     * a PostgreSQL deployment keeps the log, its tiles and checkpoints, and the projections in the
     * database (only the signing key stays in {@code DATA}).
     */
    public static Runtime open(StoreOptions options) {
        return open(options, new WitnessOptions());
    }

    /**
     * Like {@link #open(StoreOptions)}, and also: witnesses the logs {@code witnessing} names (its
     * cosigning key in {@code DATA/witness-cosigning.key}, one state file per log under {@code
     * DATA/witness}), and asks the witnesses it names to cosign each checkpoint of this log.
     */
    public static Runtime open(StoreOptions options, WitnessOptions witnessing) {
        List<VerifierKey> witnessed = witnessing.witnessedLogs();
        List<WitnessEndpoint> witnesses = witnessing.witnesses();
        Runtime runtime = open(options, options.data());
        try {
            if (!witnessed.isEmpty()) {
                WitnessKeys keys = WitnessKeys.loadOrCreate(options.data(), witnessing.witnessName());
                runtime.witness = Optional.of(new Witness(keys, options.data().resolve("witness"), witnessed, Clock.systemUTC()));
            }
            if (!witnesses.isEmpty()) {
                runtime.cosignatures = CosignatureCollector.start(runtime.merkle, witnesses, CosignatureCollector.Settings.defaults());
            }
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private static Runtime open(StoreOptions options, Path data) {
        if (options.db() != null) {
            Database database = Database.connect(options.db(), options.dbUser(), options.dbPassword());
            try {
                return new Runtime(database, merkle(new JdbcRecordLog(database), new JdbcTileStore(database), data),
                        new JdbcOpeningStore(database));
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }
        RecordLog sequencer = FileRecordLog.open(data.resolve("log"));
        MerkleLog log;
        try {
            log = merkle(sequencer, FileTileStore.open(data.resolve("tiles")), data);
        } catch (RuntimeException e) {
            sequencer.close();
            throw e;
        }
        OpeningStore openings;
        try {
            openings = FileOpeningStore.open(data.resolve("openings"));
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        try {
            return new Runtime(Database.embedded(data), log, openings);
        } catch (RuntimeException e) {
            openings.close();
            log.close();
            throw e;
        }
    }

    /**
     * The Merkle log over a sequencer and a tile store (files under {@code DATA/tiles} for the
     * embedded store, tables in PostgreSQL), signed with the key in {@code DATA} (made on first
     * start). A single node is its own sequencer, so its fencing token is fixed; the scale-out work
     * obtains it from a PostgreSQL advisory lock.
     */
    private static MerkleLog merkle(RecordLog sequencer, TileStore tiles, Path data) {
        SigningKeys keys = SigningKeys.loadOrCreate(data);
        return MerkleLog.open(sequencer, tiles, keys.signer(), SINGLE_NODE_FENCING_TOKEN);
    }

    private static final long SINGLE_NODE_FENCING_TOKEN = 1;

    /**
     * Replays the whole log into a fresh in-memory store and returns it (the caller closes it): what
     * the projections must equal. Used by {@code verify --replay}.
     */
    public Replayed replay() {
        return replay(openings);
    }

    /**
     * Replays the whole log into a fresh in-memory store, opening what {@code openings} can open (a
     * disclosure bundle): what that audience's projections must equal.
     */
    public Replayed replay(OpeningSource openings) {
        Database memory = Database.connect("jdbc:h2:mem:replay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        JdbiStore replayed = new JdbiStore(memory);
        try {
            Ledger.replaying(log, openings, replayed).catchUp();
        } catch (RuntimeException e) {
            replayed.close();
            memory.close();
            throw e;
        }
        return new Replayed(memory, replayed);
    }

    /** Where this node keeps the openings of sealed fields. */
    public OpeningStore openings() {
        return openings;
    }

    /** A store rebuilt from the log, and its database. */
    public record Replayed(Database database, Store store) implements AutoCloseable {
        @Override
        public void close() {
            try {
                store.close();
            } finally {
                database.close();
            }
        }
    }

    /** The projections as they stand. */
    public Store store() {
        return store;
    }

    /** The verifiable face of the log: checkpoints, tiles, proofs. */
    public PublishedLog publishedLog() {
        return new MerklePublishedLog(merkle);
    }

    /** Waits until every recorded entry is in a signed checkpoint, at most {@code timeout}. */
    public boolean awaitCheckpoint(java.time.Duration timeout) throws InterruptedException {
        return merkle.awaitIntegrated(merkle.size(), timeout);
    }

    /** Applies the log entries the projections do not have yet; returns how many. */
    public long catchUp() {
        return ledger.catchUp();
    }

    public Ledger ledger() {
        return ledger;
    }

    public ImportService imports() {
        return imports;
    }

    public ReportService reports() {
        return reports;
    }

    public CatalogService catalog() {
        return catalog;
    }

    public Services services() {
        return new Services(reports, catalog, publishedLog(), witness);
    }

    /** This node as a witness of other logs, if it witnesses any. */
    public Optional<Witness> witness() {
        return witness;
    }

    @Override
    public void close() {
        if (cosignatures != null) {
            cosignatures.close();
        }
        try {
            store.close();
        } finally {
            try {
                openings.close();
            } finally {
                log.close();
                database.close();
            }
        }
    }
}
