package org.truce.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.io.WKBWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.truce.domain.territory.ControlArea;

/**
 * The PostGIS baseline of "who controlled P at T": the same 10,000 dated areas and the same 100,000
 * questions as {@link ControlLookupBenchmark}, answered by one set-based SQL statement, a join of the
 * questions' table with the areas' on {@code ST_Covers} and the validity, with a GiST index on the
 * areas' geometries (the planner uses it: an index scan per question). The score is questions per
 * second (one invocation answers all 100,000; every row is read back). The setup checks that
 * PostGIS finds as many (question, area) pairs as {@link org.truce.domain.territory.Territory}.
 *
 * <p>Parallel query is off ({@code max_parallel_workers_per_gather = 0}), so PostgreSQL answers on one
 * core, like the in-memory lookups; the JDBC client waits meanwhile.
 *
 * <p>The server comes from {@code -Dtruce.pg.url} (or {@code TRUCE_PG_URL}), with
 * {@code truce.pg.user}/{@code TRUCE_PG_USER} and {@code truce.pg.password}/{@code TRUCE_PG_PASSWORD},
 * and must have PostGIS ({@code scripts/with-postgres} provides both); the tables live in a schema of
 * their own, dropped afterwards.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class PostgisControlBenchmark {
    static final String PLAIN = """
            SELECT q.i, a.id FROM questions q
            JOIN areas a ON ST_Covers(a.geom, q.geom) AND a.valid_from <= q.at AND (a.valid_to IS NULL OR q.at < a.valid_to)
            """;
    /** A point on the border of two pieces of one area finds that area twice: DISTINCT. */
    static final String SUBDIVIDED = """
            SELECT DISTINCT q.i, a.id FROM questions q
            JOIN area_pieces a ON ST_Covers(a.geom, q.geom) AND a.valid_from <= q.at AND (a.valid_to IS NULL OR q.at < a.valid_to)
            """;

    @Param({"10000"})
    int areas;

    @Param({"syria", "aleppo"})
    String points;

    /**
     * {@code plain}: one row per area, its geometry whole (the baseline as the issue defines it);
     * {@code subdivided}: each area cut by {@code ST_Subdivide} into pieces of at most 256 vertices,
     * the usual PostGIS remedy for large polygons (each covers test then reads a small geometry).
     */
    @Param({"plain", "subdivided"})
    String layout;

    String schema;
    Connection connection;
    PreparedStatement query;

    @Setup(Level.Trial)
    public void load() throws IOException, SQLException {
        ControlLookupData data = new ControlLookupData(areas);
        schema = "truce_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        connection = DriverManager.getConnection(setting("url", null), setting("user", "truce"), setting("password", "truce"));
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA " + schema); // a generated identifier, not input
            s.execute("SET search_path TO " + schema + ", public");
            s.execute("SET max_parallel_workers_per_gather = 0");
            s.execute("CREATE TABLE areas (id TEXT PRIMARY KEY, actor TEXT NOT NULL, geom geometry(Geometry, 4326) NOT NULL,"
                    + " valid_from TIMESTAMPTZ NOT NULL, valid_to TIMESTAMPTZ)");
            s.execute("CREATE TABLE questions (i INT PRIMARY KEY, geom geometry(Point, 4326) NOT NULL, at TIMESTAMPTZ NOT NULL)");
        }
        connection.setAutoCommit(false);
        WKBWriter wkb = new WKBWriter(2, true);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO areas (id, actor, geom, valid_from, valid_to) VALUES (?, ?, ST_GeomFromEWKB(?), ?, ?)")) {
            int n = 0;
            for (ControlArea a : data.areas) {
                insert.setString(1, a.id());
                insert.setString(2, a.actor().value());
                insert.setBytes(3, wkb.write(a.geometry()));
                insert.setTimestamp(4, Timestamp.from(a.validity().from()));
                insert.setTimestamp(5, a.validity().to() == null ? null : Timestamp.from(a.validity().to()));
                insert.addBatch();
                if (++n % 500 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        List<ControlLookupData.Question> questions = data.questions(points);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO questions (i, geom, at) VALUES (?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ?)")) {
            for (int i = 0; i < questions.size(); i++) {
                insert.setInt(1, i);
                insert.setDouble(2, questions.get(i).point().lon());
                insert.setDouble(3, questions.get(i).point().lat());
                insert.setTimestamp(4, Timestamp.from(questions.get(i).at()));
                insert.addBatch();
                if ((i + 1) % 5000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        try (Statement s = connection.createStatement()) {
            if (layout.equals("subdivided")) {
                s.execute("CREATE TABLE area_pieces AS SELECT id, valid_from, valid_to, ST_Subdivide(geom, 256) AS geom FROM areas");
                s.execute("CREATE INDEX area_pieces_geom ON area_pieces USING gist (geom)");
                s.execute("ANALYZE area_pieces");
            } else {
                s.execute("CREATE INDEX areas_geom ON areas USING gist (geom)");
                s.execute("ANALYZE areas");
            }
            s.execute("ANALYZE questions");
        }
        connection.commit();
        String sql = layout.equals("subdivided") ? SUBDIVIDED : PLAIN;
        query = connection.prepareStatement(sql);
        query.setFetchSize(10_000);
        StringBuilder plan = new StringBuilder();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("EXPLAIN " + sql)) {
            while (r.next()) {
                plan.append("\n  ").append(r.getString(1));
            }
        }
        long expected = 0;
        org.truce.domain.territory.Territory territory = new org.truce.domain.territory.Territory(data.areas);
        for (ControlLookupData.Question q : questions) {
            expected += territory.controlAt(q.point(), q.at()).controllers().size();
        }
        long found = postgis();
        if (found != expected) {
            throw new IllegalStateException("PostGIS found " + found + " (question, area) pairs, the grid " + expected);
        }
        System.out.printf("%n%d areas (%s), %d questions (%s) in PostgreSQL, %d (question, area) pairs as the grid finds; plan:%s%n",
                data.areas.size(), layout, questions.size(), points, found, plan);
    }

    @TearDown(Level.Trial)
    public void drop() throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        connection.close();
    }

    @Benchmark
    @OperationsPerInvocation(ControlLookupData.QUESTIONS)
    public long postgis() throws SQLException {
        long rows = 0;
        try (ResultSet r = query.executeQuery()) {
            while (r.next()) {
                rows += r.getInt(1) >= 0 ? 1 : 0;
            }
        }
        return rows;
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty("truce.pg." + name, System.getenv("TRUCE_PG_" + name.toUpperCase(Locale.ROOT)));
        if (value == null && fallback == null) {
            throw new IllegalStateException("no PostgreSQL: set -Dtruce.pg." + name + " or TRUCE_PG_" + name.toUpperCase(Locale.ROOT)
                    + " (scripts/with-postgres sets them)");
        }
        return value == null ? fallback : value;
    }
}
