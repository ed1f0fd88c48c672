package org.truce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.truce.store.Database;
import org.truce.store.JdbcRecordLog;

/**
 * Durable appends of 500-byte entries to {@link JdbcRecordLog} on PostgreSQL from 64 threads (group
 * commit), against the baseline of a plain loop inserting the same bytes into a similar table with
 * batched JDBC INSERTs and one COMMIT ({@code synchronous_commit = on}) per batch of
 * {@code batchEntries}; and, to show the gain, the append JdbcRecordLog had before group commit (one
 * transaction per append, the callers queued on a JVM lock), from the same 64 threads.
 *
 * <p>{@link #main} runs the three one after the other, giving the baseline the average number of
 * entries per transaction that group commit reached in its measurement iterations (counted from the
 * distinct transaction ids, {@code xmin}, of the rows it inserted), and prints entries/s and the
 * ratio. {@code -Dtruce.bench.rounds=N} repeats that N times and adds the median ratio (the
 * machines are noisy). It takes JMH's options:
 *
 * <pre>scripts/with-postgres java -Dtruce.bench.rounds=5 -cp truce-bench/target/benchmarks.jar \
 *     org.truce.bench.PostgresAppendBenchmark -f 1 -wi 2 -w 5s -i 3 -r 5s</pre>
 *
 * <p>The server comes from {@code -Dtruce.pg.url} (or {@code TRUCE_PG_URL}), with
 * {@code truce.pg.user}/{@code TRUCE_PG_USER} and {@code truce.pg.password}/{@code TRUCE_PG_PASSWORD};
 * each benchmark works in a schema of its own, dropped afterwards. JMH's own main runs them too,
 * with the baseline's batch given by hand: {@code java -jar benchmarks.jar
 * PostgresAppendBenchmark.rawBatchedInsert -p batchEntries=32}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PostgresAppendBenchmark {
    static final int ENTRY_BYTES = LogAppendBenchmark.ENTRY_BYTES;
    static final int APPENDERS = 64;
    /** How many times {@link #main} measures the three, one after the other (default 1). */
    static final String ROUNDS_PROPERTY = "truce.bench.rounds";
    /** Where the forked JVM leaves the average batch for {@link #main}. */
    static final String BATCH_FILE_PROPERTY = "truce.bench.batchFile";

    /** A fresh schema on the configured server, holding Truce's tables (migrated by {@link Database}). */
    @State(Scope.Benchmark)
    public static class Schema {
        String name;
        Database database;

        @Setup(Level.Trial)
        public void create() throws SQLException {
            name = "truce_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            execute("CREATE SCHEMA " + name); // a generated identifier, not input
            database = Database.connect(url(name), setting("user", "truce"), setting("password", "truce"));
        }

        @TearDown(Level.Trial)
        public void drop() throws SQLException {
            database.close();
            execute("DROP SCHEMA " + name + " CASCADE");
        }
    }

    /** The log with group commit, and the transactions its measurement iterations used. */
    @State(Scope.Benchmark)
    public static class GroupCommit {
        JdbcRecordLog log;
        final byte[] entry = new byte[ENTRY_BYTES];
        long iterationStart;
        long measuredEntries;
        long measuredTransactions;

        @Setup(Level.Trial)
        public void open(Schema schema) {
            log = new JdbcRecordLog(schema.database);
        }

        @Setup(Level.Iteration)
        public void startIteration() {
            iterationStart = log.size();
        }

        @TearDown(Level.Iteration)
        public void countTransactions(Schema schema, IterationParams iteration) {
            if (iteration.getType() != IterationType.MEASUREMENT) {
                return;
            }
            // every transaction has its own xid, which PostgreSQL keeps on each row it inserted
            long[] counts = schema.database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT count(*), count(DISTINCT xmin::text) FROM record_log WHERE idx >= :from")
                    .bind("from", iterationStart)
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .one());
            measuredEntries += counts[0];
            measuredTransactions += counts[1];
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            log.close();
            double average = (double) measuredEntries / Math.max(1, measuredTransactions);
            System.out.printf(Locale.ROOT, "%nJdbcRecordLog group commit: %d entries in %d transactions, %.1f entries per transaction%n",
                    measuredEntries, measuredTransactions, average);
            String batchFile = System.getProperty(BATCH_FILE_PROPERTY);
            if (batchFile != null) {
                Files.writeString(Path.of(batchFile), Double.toString(average));
            }
        }
    }

    /** JdbcRecordLog's append before group commit: one transaction per append, the callers queued on a JVM lock. */
    @State(Scope.Benchmark)
    public static class PerAppendTransaction {
        Jdbi jdbi;
        final ReentrantLock appending = new ReentrantLock(true);
        final byte[] entry = new byte[ENTRY_BYTES];

        @Setup(Level.Trial)
        public void open(Schema schema) {
            jdbi = schema.database.jdbi();
        }

        long append(byte[] bytes) {
            appending.lock();
            try {
                return jdbi.inTransaction(handle -> {
                    handle.execute("SET LOCAL synchronous_commit TO on");
                    handle.execute("UPDATE record_log_head SET log_size = log_size + 1 WHERE id = 1");
                    long index = handle.createQuery("SELECT log_size FROM record_log_head WHERE id = 1").mapTo(Long.class).one() - 1;
                    handle.prepareBatch("INSERT INTO record_log (idx, entry) VALUES (:idx, :entry)")
                            .bind("idx", index).bind("entry", bytes).add()
                            .execute();
                    return index;
                });
            } finally {
                appending.unlock();
            }
        }
    }

    /** The baseline: one connection, batched INSERTs of {@code batchEntries} rows, a COMMIT after each batch. */
    @State(Scope.Thread)
    public static class RawInsert {
        @Param({"32"})
        int batchEntries;
        Connection connection;
        PreparedStatement insert;
        final byte[] entry = new byte[ENTRY_BYTES];
        long next;

        @Setup(Level.Trial)
        public void open(Schema schema) throws SQLException {
            connection = connect(url(schema.name));
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE raw_log (idx BIGINT PRIMARY KEY CHECK (idx >= 0), entry BYTEA NOT NULL)");
                s.execute("SET synchronous_commit TO on");
            }
            connection.setAutoCommit(false);
            insert = connection.prepareStatement("INSERT INTO raw_log (idx, entry) VALUES (?, ?)");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
        }
    }

    @Benchmark
    @Threads(APPENDERS)
    public long jdbcRecordLogAppend64Threads(GroupCommit state) {
        return state.log.append(state.entry);
    }

    @Benchmark
    @Threads(APPENDERS)
    public long perAppendTransaction64Threads(PerAppendTransaction state) {
        return state.append(state.entry);
    }

    @Benchmark
    @Threads(1)
    public long rawBatchedInsert(RawInsert state) throws SQLException {
        for (int i = 0; i < state.batchEntries; i++) {
            state.insert.setLong(1, state.next++);
            state.insert.setBytes(2, state.entry);
            state.insert.addBatch();
        }
        state.insert.executeBatch();
        state.connection.commit();
        return state.next;
    }

    public static void main(String[] args) throws CommandLineOptionException, IOException, RunnerException {
        CommandLineOptions cli = new CommandLineOptions(args);
        int rounds = Integer.getInteger(ROUNDS_PROPERTY, 1);
        List<Round> done = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            done.add(round(cli));
        }
        System.out.printf(Locale.ROOT, "%n%d appenders of %d-byte entries, PostgreSQL, synchronous_commit on, entries/s%n", APPENDERS, ENTRY_BYTES);
        System.out.println("round  group commit (entries/tx)  raw batched INSERT (entries/COMMIT)  one tx per append  ratio to raw  gain");
        for (int r = 0; r < done.size(); r++) {
            Round round = done.get(r);
            System.out.printf(Locale.ROOT, "%5d  %,12.0f (%5.1f)        %,12.0f (%3d)                %,12.0f        %5.2f       %5.1fx%n",
                    r + 1, round.groupCommit(), round.averageBatch(), round.raw(), round.batchEntries(), round.perAppend(),
                    round.ratio(), round.gain());
        }
        System.out.printf(Locale.ROOT, "median ratio group commit / raw batched INSERT: %.2f; median gain over one transaction per append: %.1fx%n",
                median(done.stream().mapToDouble(Round::ratio).toArray()), median(done.stream().mapToDouble(Round::gain).toArray()));
    }

    /** One measurement of each, in the order that lets the baseline use group commit's batch size. */
    private static Round round(CommandLineOptions cli) throws IOException, RunnerException {
        Path batchFile = Files.createTempFile("truce-bench-batch", ".txt");
        try {
            double groupCommit = score(benchmark(cli, "jdbcRecordLogAppend64Threads", "-D" + BATCH_FILE_PROPERTY + "=" + batchFile));
            double averageBatch = Double.parseDouble(Files.readString(batchFile));
            int batchEntries = (int) Math.max(1, Math.round(averageBatch));
            double raw = score(benchmark(cli, "rawBatchedInsert").param("batchEntries", Integer.toString(batchEntries))) * batchEntries;
            double perAppend = score(benchmark(cli, "perAppendTransaction64Threads"));
            return new Round(groupCommit, averageBatch, raw, batchEntries, perAppend);
        } finally {
            Files.deleteIfExists(batchFile);
        }
    }

    /** Entries/s of each; {@code raw} is the baseline's batches/s times {@code batchEntries}. */
    private record Round(double groupCommit, double averageBatch, double raw, int batchEntries, double perAppend) {
        double ratio() {
            return groupCommit / raw;
        }

        double gain() {
            return groupCommit / perAppend;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double score(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).runSingle().getPrimaryResult().getScore();
    }

    /** The command line's options, for one benchmark of this class. */
    private static ChainedOptionsBuilder benchmark(CommandLineOptions cli, String name, String... jvmArgs) {
        // the connection pool and the migrations would log at INFO between the iterations
        String quiet = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";
        return new OptionsBuilder().parent(cli)
                .include(PostgresAppendBenchmark.class.getName().replace(".", "\\.") + "\\." + name + "$")
                .jvmArgsAppend(Stream.concat(Stream.of(quiet), Stream.of(jvmArgs)).toArray(String[]::new));
    }

    /** A system property {@code truce.pg.NAME}, else the environment's {@code TRUCE_PG_NAME}, else the fallback. */
    static String setting(String name, String fallback) {
        String value = System.getProperty("truce.pg." + name, System.getenv("TRUCE_PG_" + name.toUpperCase(Locale.ROOT)));
        return value == null || value.isBlank() ? fallback : value;
    }

    static String url() {
        String url = setting("url", null);
        if (url == null) {
            throw new IllegalStateException("no PostgreSQL: set -Dtruce.pg.url or TRUCE_PG_URL (scripts/with-postgres sets it)");
        }
        return url;
    }

    /** The server's URL, working in {@code schema} (PostGIS, which the projections' tables need, stays in public). */
    static String url(String schema) {
        return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, setting("user", "truce"), setting("password", "truce"));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect(url()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
