package org.truce.cli.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.truce.cli.TestStores;
import org.truce.service.format.Json;
import org.truce.verify.cli.Cli;

/**
 * Kills Truce with SIGKILL while clients write reports to it, restarts it on the same data, and
 * checks after every restart and at the end that nothing acknowledged was lost or applied twice and
 * that the log only grew.
 *
 * <p><b>The run.</b> Truce runs as a separate JVM ({@link TruceProcess}: {@code org.truce.cli.Main
 * serve} on the test JVM's class path, its build outputs copied once per run by {@link
 * ClassPathSnapshot}) on a data folder, or on a data folder and a fresh PostgreSQL schema. {@link Config#clients} threads submit {@link Config#writes} reports ({@code POST
 * /api/v1/reports}), write {@code #i} with the external id {@code kill:TAG:i}, the description
 * {@code kill harness TAG write #i} and the {@code Idempotency-Key} {@code kill-TAG-i}. A 201 is an
 * acknowledgment: its id and {@code log_index} are recorded. A write whose request failed because
 * the server was killed is <em>in doubt</em> (it may or may not be in the log) and is sent again,
 * with the same key and body, to the next server; the answer must be 201 (a replay if the first
 * attempt was recorded). So at the end every write is acknowledged exactly once.
 *
 * <p><b>Kills.</b> Round {@code r} of {@code R} kills the server once the number of acknowledged
 * writes reaches a random point in the {@code r}-th of {@code R + 1} equal slices of the stream,
 * plus a random 0–{@value #KILL_JITTER_MS} ms, so that every kill falls inside the stream at no
 * particular step of a request or of the log's integration. Some restarts (chosen by the seed) are
 * themselves killed after a random 0–{@value #RECOVERY_KILL_MAX_MS} ms, during start-up or
 * recovery, before the server that serves. After the stream a last kill comes at rest, and the
 * final checks run on the server restarted after it. Every random choice comes from one {@link
 * Random} seeded with {@link Config#seed}, which the run prints.
 *
 * <p><b>Checks after each restart</b> (clients paused, so the state is still):
 * <ul>
 *   <li>the signed checkpoint comes to cover the whole log (bounded wait; a receipt for index
 *       {@code size} answers 404, not 409);</li>
 *   <li>the reports listed ({@code GET /api/v1/reports}, every page) are exactly the log: as many
 *       as the checkpoint's size, each log index once, each external id once;</li>
 *   <li>every acknowledged write is there with its id, its {@code log_index} and the fields sent,
 *       and reads back by {@code GET /api/v1/reports/{id}} (a random sample; at the end all);</li>
 *   <li>a report not acknowledged yet is one of the writes in doubt, and its retry later replays
 *       that same report;</li>
 *   <li>the standalone verifier ({@link Cli}) checks the whole log and its growth since its last
 *       run (one state file for the run): exit 0.</li>
 * </ul>
 *
 * <p><b>Checkpoints.</b> A poller fetches {@code GET /log/checkpoint} every {@value #POLL_MS} ms
 * during the whole run, and each restart's checks fetch it too; {@link CheckpointHistory} verifies
 * each note, that sizes never shrink and one size never has two roots, and a consistency proof from
 * each checkpoint to the next larger one; at the end every distinct earlier tree is proved
 * consistent with the final checkpoint.
 *
 * <p>Everything is bounded: each wait, each retry loop and the whole run ({@link Config#timeLimit}).
 * Every child process is killed when the run ends, however it ends. A failed check ends the run
 * with an {@link AssertionError} that names the seed, the round and what was lost.
 */
public final class KillHarness {
    static final int KILL_JITTER_MS = 40;
    static final int RECOVERY_KILL_MAX_MS = 1500;
    static final int POLL_MS = 100;
    private static final double RECOVERY_KILL_CHANCE = 0.25;
    private static final int MAX_ATTEMPTS_PER_WRITE = 50;
    private static final int SAMPLE_READS_PER_ROUND = 200;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHECKPOINT_TIMEOUT = Duration.ofSeconds(60);

    /** What to run: on which store, in which folder, how many writes, kills and client threads, which seed. */
    public record Config(TestStores.Kind store, Path dir, int writes, int rounds, int clients, long seed, Duration timeLimit) {
        public Config {
            if (writes < 1 || rounds < 0 || clients < 1 || rounds >= writes) {
                throw new IllegalArgumentException("need writes >= 1, 0 <= rounds < writes, clients >= 1");
            }
        }

        public static Config of(TestStores.Kind store, Path dir, int writes, int rounds, long seed) {
            return new Config(store, dir, writes, rounds, 4, seed, Duration.ofMinutes(10));
        }

        public Config withClients(int n) {
            return new Config(store, dir, writes, rounds, n, seed, timeLimit);
        }

        public Config withTimeLimit(Duration limit) {
            return new Config(store, dir, writes, rounds, clients, seed, limit);
        }
    }

    /** What happened in one kill round. */
    public record Round(int number, int generationKilled, int ackedAtKill, int inFlightAtKill, long serverAgeMillis,
            boolean killedDuringRecovery, long recoveryKillAfterMillis, long restartMillis, long checkMillis, long logSize,
            int unacknowledgedInLog) {
        String line() {
            return String.format(Locale.ROOT, "round %d: SIGKILL to server %d after %d acks (%d requests in flight, server up %d ms)%s; "
                    + "restart %d ms; log %d entries (%d of them writes in doubt, not acknowledged yet); checks %d ms",
                    number, generationKilled, ackedAtKill, inFlightAtKill, serverAgeMillis,
                    killedDuringRecovery ? "; next start SIGKILLed too, " + recoveryKillAfterMillis + " ms after launch" : "",
                    restartMillis, logSize, unacknowledgedInLog, checkMillis);
        }
    }

    /** The outcome of a run that passed every check. */
    public record Result(long seed, String store, int writes, List<Round> rounds, int serverStarts, long logSize, int retriedWrites,
            int replayedWrites, int checkpointsSeen, int distinctCheckpointSizes, long proofsVerified, long streamMillis,
            long totalMillis, String verifierLine) {
        public String summary() {
            return String.format(Locale.ROOT, "%s: seed %d; %d writes acknowledged in %d ms (%.0f/s), %d kill rounds during the stream "
                    + "+ 1 at rest, %d server starts; log %d entries; %d writes retried after a kill (%d of them replayed, i.e. "
                    + "recorded before the kill); %d checkpoints seen (%d sizes), %d consistency proofs verified; total %d ms; verifier: %s",
                    store, seed, writes, streamMillis, writes * 1000.0 / Math.max(1, streamMillis), rounds.size(), serverStarts,
                    logSize, retriedWrites, replayedWrites, checkpointsSeen, distinctCheckpointSizes, proofsVerified, totalMillis,
                    verifierLine);
        }
    }

    /** An acknowledged write. */
    private record Ack(String id, long logIndex, int attempts, boolean replayed, int generation) {
    }

    private final Config config;
    private final Random random;
    private final String tag;
    private final long deadline;
    private final List<String> storeArgs;
    private String classPath;
    private final Path serverLog;
    private final Path verifierState;

    private final AtomicInteger nextWrite = new AtomicInteger();
    private final AtomicReferenceArray<Ack> acks;
    private final AtomicIntegerArray failedAttempts;
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger clientsDone = new AtomicInteger();
    /** Writes found in the log before they were acknowledged: write → report id. */
    private final Map<Integer, String> seenBeforeAck = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private volatile boolean aborted;

    private final ReentrantLock gateLock = new ReentrantLock();
    private final Condition gateChanged = gateLock.newCondition();
    private TruceProcess open;
    private int parked;

    private volatile TruceProcess current;
    private final List<TruceProcess> processes = new ArrayList<>();
    private CheckpointHistory history;
    private int generations;
    private String verifierLine = "";

    private KillHarness(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
        this.tag = Long.toHexString(config.seed());
        this.deadline = System.nanoTime() + config.timeLimit().toNanos();
        this.acks = new AtomicReferenceArray<>(config.writes());
        this.failedAttempts = new AtomicIntegerArray(config.writes());
        this.serverLog = config.dir().resolve("server.log");
        this.verifierState = config.dir().resolve("verifier-state");
        this.storeArgs = storeArgs(config.store(), config.dir());
    }

    /** The {@code serve} options for {@code store}: a data folder, and for PostgreSQL a fresh schema too. */
    static List<String> storeArgs(TestStores.Kind store, Path dir) {
        List<String> args = new ArrayList<>(List.of("--data", dir.resolve("data").toString()));
        switch (store.name()) {
            case "h2" -> {
            }
            case "postgresql" -> args.addAll(List.of("--db", TestStores.freshSchemaUrl(), "--db-user", TestStores.env("TRUCE_PG_USER", "truce"),
                    "--db-password", TestStores.env("TRUCE_PG_PASSWORD", "truce")));
            default -> throw new IllegalArgumentException("unknown store " + store);
        }
        return args;
    }

    /**
     * Runs the kill rounds and every check. Returns what happened if everything held.
     *
     * @throws AssertionError naming the seed and what failed, if anything acknowledged was lost,
     *     applied twice or changed, or a checkpoint was not consistent with an earlier one
     */
    public static Result run(Config config) {
        return new KillHarness(config).execute();
    }

    private Result execute() {
        long started = System.nanoTime();
        System.out.println("kill run on " + config.store() + ": seed " + config.seed() + " (rerun with -Dtruce.kill.seed="
                + config.seed() + "), " + config.writes() + " writes from " + config.clients() + " clients, " + config.rounds()
                + " kill rounds; server output in " + serverLog);
        try {
            Files.createDirectories(config.dir());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        classPath = "false".equals(System.getProperty("truce.kill.snapshot")) ? System.getProperty("java.class.path")
                : ClassPathSnapshot.take(config.dir().resolve("classpath"));
        String[] entries = classPath.split(java.io.File.pathSeparator);
        long copied = java.util.Arrays.stream(entries).filter(e -> e.startsWith(config.dir().resolve("classpath").toString())).count();
        System.out.println("server JVMs: " + String.join(" ", TruceProcess.command("<class path>", List.of("serve", "..."))) + "; "
                + entries.length + " class path entries, " + copied + " of them (class folders, snapshot jars) copied for the run");
        ExecutorService clients = Executors.newFixedThreadPool(config.clients(), r -> Thread.ofPlatform().daemon(true)
                .name("kill-client").unstarted(r));
        Thread poller = null;
        List<Round> rounds = new ArrayList<>();
        // if the test JVM is shut down before the finally below runs, the servers go with it
        Thread reaper = new Thread(this::killAll, "kill-harness-reaper");
        java.lang.Runtime.getRuntime().addShutdownHook(reaper);
        try {
            TruceProcess first = start();
            String key = text(get(first, "/log/key"), 200).strip();
            history = new CheckpointHistory(key, problems);
            poller = Thread.ofPlatform().daemon(true).name("kill-checkpoint-poller").start(this::pollCheckpoints);

            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < config.clients(); c++) {
                running.add(clients.submit(this::client));
            }
            long streamStart = System.nanoTime();
            openGate(first);
            for (int r = 1; r <= config.rounds(); r++) {
                rounds.add(killRound(r));
            }
            awaitClients(running);
            long streamMillis = (System.nanoTime() - streamStart) / 1_000_000;
            failIfProblems("the stream");
            if (acked.get() != config.writes()) {
                fail("the stream ended with " + acked.get() + " of " + config.writes() + " writes acknowledged");
            }

            closeGate();
            TruceProcess last = current;
            long age = last.ageMillis();
            last.kill();
            long restartStart = System.nanoTime();
            TruceProcess finalServer = start();
            long restartMillis = (System.nanoTime() - restartStart) / 1_000_000;
            long checkStart = System.nanoTime();
            long logSize = checkAfterRestart(finalServer, "after the final kill (at rest, server " + last.generation() + ", up "
                    + age + " ms)", true);
            failIfProblems("the final checks");
            System.out.println(config.store() + " final: SIGKILL at rest to server " + last.generation() + " (up " + age + " ms); restart "
                    + restartMillis + " ms; log " + logSize + " entries; final checks (every report read back, every checkpoint "
                    + "proved consistent with the last, the standalone verifier) " + (System.nanoTime() - checkStart) / 1_000_000 + " ms ("
                    + lastChecks + ")");

            int retried = 0;
            int replayed = 0;
            for (int i = 0; i < config.writes(); i++) {
                if (acks.get(i).attempts() > 1) {
                    retried++;
                }
                if (acks.get(i).replayed()) {
                    replayed++;
                }
            }
            Result result = new Result(config.seed(), config.store().toString(), config.writes(), List.copyOf(rounds), generations,
                    logSize, retried, replayed, history.count(), history.distinctSizes(), history.provenPairs() + lastAllProofs,
                    streamMillis, (System.nanoTime() - started) / 1_000_000, verifierLine);
            System.out.println(result.summary());
            return result;
        } finally {
            aborted = true;
            gateLock.lock();
            try {
                gateChanged.signalAll();
            } finally {
                gateLock.unlock();
            }
            killAll();
            try {
                java.lang.Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
            clients.shutdownNow();
            if (poller != null) {
                poller.interrupt();
            }
            try {
                clients.awaitTermination(30, TimeUnit.SECONDS);
                if (poller != null) {
                    poller.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long lastAllProofs;
    private String lastChecks = "";

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private void killAll() {
        List<TruceProcess> all;
        synchronized (processes) {
            all = List.copyOf(processes);
        }
        for (TruceProcess p : all) {
            try {
                p.close();
            } catch (RuntimeException e) {
                System.err.println("could not kill server " + p.generation() + " (pid " + p.pid() + "): " + e.getMessage());
            }
        }
    }

    // --- kill rounds ------------------------------------------------------------------------

    private Round killRound(int r) {
        int n = config.writes();
        int slice = n / (config.rounds() + 1);
        int target = Math.max(1, r * slice + random.nextInt(Math.max(1, slice)));
        int jitter = random.nextInt(KILL_JITTER_MS + 1);
        boolean recoveryKill = random.nextDouble() < RECOVERY_KILL_CHANCE;
        long recoveryKillAfter = random.nextInt(RECOVERY_KILL_MAX_MS + 1);

        for (int spin = 0; acked.get() < target; spin++) {
            if (aborted || clientsDone.get() == config.clients()) {
                failIfProblems("round " + r);
                fail("round " + r + ": the stream ended (" + acked.get() + " acks) before the kill point " + target);
            }
            checkTime("round " + r + " waiting for " + target + " acks (at " + acked.get() + ")");
            sleepQuietly(1);
        }
        sleepQuietly(jitter);
        TruceProcess victim = current;
        int ackedAtKill = acked.get();
        int inFlightAtKill = inFlight.get();
        long age = victim.ageMillis();
        closeGate();
        victim.kill();

        if (recoveryKill) {
            TruceProcess early = launch();
            sleepQuietly(recoveryKillAfter);
            early.kill();
        }
        awaitParked("round " + r);
        long restartStart = System.nanoTime();
        TruceProcess next = start();
        long restartMillis = (System.nanoTime() - restartStart) / 1_000_000;
        long checkStart = System.nanoTime();
        int unackedBefore = seenBeforeAck.size();
        long logSize = checkAfterRestart(next, "round " + r, false);
        int unacked = seenBeforeAck.size() - unackedBefore;
        long checkMillis = (System.nanoTime() - checkStart) / 1_000_000;
        failIfProblems("round " + r);
        Round round = new Round(r, victim.generation(), ackedAtKill, inFlightAtKill, age, recoveryKill, recoveryKillAfter,
                restartMillis, checkMillis, logSize, unacked);
        System.out.println(config.store() + " " + round.line() + " (" + lastChecks + ")");
        openGate(next);
        return round;
    }

    private TruceProcess launch() {
        TruceProcess p = TruceProcess.launch(++generations, classPath, storeArgs, serverLog);
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    private TruceProcess start() {
        checkTime("starting a server");
        TruceProcess p = launch();
        try {
            p.awaitReady(START_TIMEOUT);
        } catch (IllegalStateException e) {
            fail("server " + p.generation() + " did not come back on the data of the killed one: " + e.getMessage());
        }
        current = p;
        return p;
    }

    // --- the gate: clients send only to an open, live server --------------------------------

    private void openGate(TruceProcess server) {
        gateLock.lock();
        try {
            open = server;
            gateChanged.signalAll();
        } finally {
            gateLock.unlock();
        }
    }

    private void closeGate() {
        gateLock.lock();
        try {
            open = null;
        } finally {
            gateLock.unlock();
        }
    }

    /** The open server, if it is not generation {@code failed}; null once the run is aborted or out of time. */
    private TruceProcess awaitOpen(int failed) {
        gateLock.lock();
        try {
            parked++;
            gateChanged.signalAll();
            try {
                while (!aborted && (open == null || open.generation() == failed)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    gateChanged.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                }
                return aborted ? null : open;
            } finally {
                parked--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            gateLock.unlock();
        }
    }

    /** Waits until every client is parked at the gate or done, so that no request is in flight. */
    private void awaitParked(String when) {
        long until = System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(10).toNanos();
        gateLock.lock();
        try {
            while (parked + clientsDone.get() < config.clients()) {
                long left = until - System.nanoTime();
                if (left <= 0 || aborted) {
                    fail(when + ": " + (config.clients() - parked - clientsDone.get()) + " clients still busy after the kill");
                }
                gateChanged.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(when + ": interrupted");
        } finally {
            gateLock.unlock();
        }
    }

    // --- clients ----------------------------------------------------------------------------

    private void client() {
        try {
            int failedGeneration = -1;
            while (!aborted) {
                int i = nextWrite.getAndIncrement();
                if (i >= config.writes()) {
                    return;
                }
                failedGeneration = submit(i, failedGeneration);
                if (failedGeneration == Integer.MIN_VALUE) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            problem("a client thread failed: " + e);
            aborted = true;
        } finally {
            clientsDone.incrementAndGet();
            gateLock.lock();
            try {
                gateChanged.signalAll();
            } finally {
                gateLock.unlock();
            }
        }
    }

    /** Sends write {@code i} until it is acknowledged; returns the last generation that failed, or MIN_VALUE to stop. */
    private int submit(int i, int failedGeneration) {
        String body = body(i);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS_PER_WRITE; attempt++) {
            TruceProcess server = awaitOpen(failedGeneration);
            if (server == null) {
                return Integer.MIN_VALUE;
            }
            HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/reports")).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey(i))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response;
            inFlight.incrementAndGet();
            try {
                response = server.http().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (!server.killed()) {
                    abort("write #" + i + " failed on server " + server.generation() + ", which was not killed: " + e);
                    return Integer.MIN_VALUE;
                }
                failedAttempts.incrementAndGet(i);
                failedGeneration = server.generation();
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Integer.MIN_VALUE;
            } finally {
                inFlight.decrementAndGet();
            }
            if (response.statusCode() == 201) {
                JsonNode json = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
                boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
                Ack ack = new Ack(json.get("id").textValue(), json.get("log_index").asLong(), attempt, replayed, server.generation());
                if (replayed && failedAttempts.get(i) == 0) {
                    abort("write #" + i + " was answered as a replay on its first attempt: " + response.body());
                    return Integer.MIN_VALUE;
                }
                acks.set(i, ack);
                acked.incrementAndGet();
                return failedGeneration;
            }
            if (response.statusCode() == 503) {
                sleepQuietly(100);
                continue;
            }
            abort("write #" + i + " (attempt " + attempt + ", after " + failedAttempts.get(i) + " failed by kills) got "
                    + response.statusCode() + " from server " + server.generation() + ": " + response.body());
            return Integer.MIN_VALUE;
        }
        abort("write #" + i + " was not acknowledged in " + MAX_ATTEMPTS_PER_WRITE + " attempts");
        return Integer.MIN_VALUE;
    }

    private String idempotencyKey(int i) {
        return "kill-" + tag + "-" + i;
    }

    private String externalId(int i) {
        return "kill:" + tag + ":" + i;
    }

    private String description(int i) {
        return "kill harness " + tag + " write #" + i;
    }

    /**
     * The report of write {@code i}: the API's example report with values that differ from write to
     * write. Every fourth write seals some fields, so that their openings must survive the kill too.
     */
    String body(int i) {
        String releasability = i % 4 != 0 ? ""
                : ", \"releasability\": {\"source.name\": \"monitors\", \"location\": \"guarantors\", \"description\": \"originator\"}";
        return String.format(Locale.ROOT, """
                {"occurred_from": "2016-05-%02dT10:%02d:00+03:00", "occurred_to": "2016-05-%02dT11:%02d:00+03:00",
                 "location": {"lat": %.4f, "lon": %.4f, "precision_m": %d},
                 "origin": {"lat": 36.21, "lon": 37.18, "precision_m": 1000},
                 "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
                 "perpetrator": "Fatah Halab", "target": "Syrian Arab Army", "fatalities": %d,
                 "source": {"name": "SANA", "reliability": "C", "credibility": 3},
                 "external_id": "%s", "description": "%s"%s}""",
                1 + i % 28, i % 60, 1 + i % 28, i % 60, 36.1 + (i % 1000) / 10000.0, 37.1 + (i / 1000 % 100) / 1000.0,
                100 + i % 900, i % 50, externalId(i), description(i), releasability);
    }

    // --- checkpoints ------------------------------------------------------------------------

    private void pollCheckpoints() {
        for (long polls = 0; polls < 100_000_000L && !aborted && !Thread.currentThread().isInterrupted(); polls++) {
            TruceProcess server = current;
            if (server != null && !server.killed()) {
                try {
                    observeCheckpoint(server);
                } catch (RuntimeException | Error e) {
                    problem("the checkpoint poller failed on server " + server.generation() + ": " + e);
                    return;
                }
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Fetches and checks the server's checkpoint; null if it has none yet or cannot be reached. */
    private CheckpointHistory.Seen observeCheckpoint(TruceProcess server) {
        synchronized (history) {
            HttpResponse<byte[]> response;
            try {
                response = server.http().send(HttpRequest.newBuilder(server.uri("/log/checkpoint")).timeout(REQUEST_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (!server.killed()) {
                    problem("GET /log/checkpoint failed on server " + server.generation() + ", which was not killed: " + e);
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                problem("GET /log/checkpoint on server " + server.generation() + ": " + response.statusCode() + " "
                        + new String(response.body(), StandardCharsets.UTF_8));
                return null;
            }
            return history.observe(server.generation(), response.body(), (from, to) -> consistencyProof(server, from, to));
        }
    }

    /** The server's consistency proof; IOException if it cannot be reached (killed), IllegalStateException if it refuses. */
    private List<byte[]> consistencyProof(TruceProcess server, long from, long to) throws IOException, InterruptedException {
        String path = "/api/v1/log/proof/consistency?from=" + from + "&to=" + to;
        HttpResponse<String> response = server.http().send(HttpRequest.newBuilder(server.uri(path)).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " on server " + server.generation() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        JsonNode json = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
        List<byte[]> proof = new ArrayList<>();
        json.get("proof").forEach(h -> proof.add(Base64.getDecoder().decode(h.textValue())));
        return proof;
    }

    /** Waits until a checkpoint covers every recorded entry; returns it. */
    private CheckpointHistory.Seen awaitFullCheckpoint(TruceProcess server, String when) {
        long until = System.nanoTime() + CHECKPOINT_TIMEOUT.toNanos();
        for (int attempt = 0; attempt < 100_000 && System.nanoTime() < until; attempt++) {
            CheckpointHistory.Seen seen = observeCheckpoint(server);
            if (seen != null) {
                HttpResponse<String> receipt = getQuietly(server, "/api/v1/log/receipt/" + seen.size());
                if (receipt != null && receipt.statusCode() == 404) {
                    return seen;
                }
                if (receipt != null && receipt.statusCode() != 409 && receipt.statusCode() != 200) {
                    fail(when + ": GET /api/v1/log/receipt/" + seen.size() + " answered " + receipt.statusCode() + ": " + receipt.body());
                }
            }
            failIfProblems(when);
            sleepQuietly(50);
        }
        fail(when + ": no checkpoint covered the whole log within " + CHECKPOINT_TIMEOUT + "; latest seen "
                + (history.latest() == null ? "none" : history.latest().describe()));
        return null;
    }

    // --- checks after a restart -------------------------------------------------------------

    /** Checks the restarted server against everything acknowledged so far; returns the log's size. */
    private long checkAfterRestart(TruceProcess server, String when, boolean last) {
        String key = text(get(server, "/log/key"), 200).strip();
        if (!key.equals(history.verifierKey())) {
            fail(when + ": the log's verifier key changed from " + history.verifierKey() + " to " + key);
        }
        long t0 = System.nanoTime();
        CheckpointHistory.Seen checkpoint = awaitFullCheckpoint(server, when);
        long size = checkpoint.size();
        long t1 = System.nanoTime();
        Map<String, JsonNode> byId = listAllReports(server, when, size);
        if (byId.size() != size) {
            fail(when + ": " + byId.size() + " reports listed but the log holds " + size + " entries (every entry is a report)");
        }
        Map<Long, String> byIndex = new HashMap<>();
        Map<Integer, String> byWrite = new HashMap<>();
        for (JsonNode report : byId.values()) {
            String id = report.get("id").textValue();
            long index = report.get("log_index").asLong();
            if (index < 0 || index >= size || byIndex.put(index, id) != null) {
                fail(when + ": log index " + index + " out of range or held by two reports (" + id + ", " + byIndex.get(index) + ")");
            }
            int write = writeOf(report);
            if (write < 0) {
                fail(when + ": a report that no client wrote: " + report);
            }
            String other = byWrite.put(write, id);
            if (other != null) {
                fail(when + ": write #" + write + " was applied twice: reports " + other + " and " + id + " (seed " + config.seed() + ")");
            }
        }

        List<Integer> ackedWrites = new ArrayList<>();
        int lost = 0;
        StringBuilder lostList = new StringBuilder();
        for (int i = 0; i < config.writes(); i++) {
            Ack ack = acks.get(i);
            String found = byWrite.get(i);
            if (ack != null) {
                ackedWrites.add(i);
                JsonNode report = byId.get(ack.id());
                if (report == null) {
                    lost++;
                    if (lost <= 20) {
                        lostList.append("\n  write #").append(i).append(": report ").append(ack.id()).append(" at log index ")
                                .append(ack.logIndex()).append(", acknowledged by server ").append(ack.generation())
                                .append(" on attempt ").append(ack.attempts()).append(found == null ? "; absent" : "; found as " + found);
                    }
                    continue;
                }
                compare(when, i, ack, report);
                String before = seenBeforeAck.get(i);
                if (before != null && !before.equals(ack.id())) {
                    fail(when + ": write #" + i + " was in the log as " + before + " before its retry was acknowledged as " + ack.id());
                }
            } else if (found != null) {
                if (failedAttempts.get(i) == 0) {
                    fail(when + ": write #" + i + " is in the log (" + found + ") but was neither acknowledged nor in doubt");
                }
                String before = seenBeforeAck.putIfAbsent(i, found);
                if (before != null && !before.equals(found)) {
                    fail(when + ": write #" + i + " was in the log as " + before + " and is now " + found);
                }
            }
        }
        if (lost > 0) {
            fail(when + ": " + lost + " acknowledged reports are missing after the restart (seed " + config.seed() + ", log size "
                    + size + "):" + lostList);
        }

        List<Integer> sample = new ArrayList<>(ackedWrites);
        if (!last) {
            java.util.Collections.shuffle(sample, random);
            sample = sample.subList(0, Math.min(SAMPLE_READS_PER_ROUND, sample.size()));
        }
        long t2 = System.nanoTime();
        readBack(server, when, sample);
        long t3 = System.nanoTime();
        runVerifier(server, when);
        long t4 = System.nanoTime();
        if (last) {
            if (size != config.writes()) {
                fail(when + ": the log holds " + size + " entries, not one per write (" + config.writes() + ")");
            }
            lastAllProofs = history.verifyAllAgainst(checkpoint, (from, to) -> consistencyProof(server, from, to));
        }
        long t5 = System.nanoTime();
        failIfProblems(when);
        lastChecks = String.format(Locale.ROOT, "full checkpoint %d ms, list and compare %d ms, %d GETs %d ms, verifier %d ms%s",
                ms(t1 - t0), ms(t2 - t1), sample.size(), ms(t3 - t2), ms(t4 - t3), last ? ", " + lastAllProofs + " proofs to the last "
                + ms(t5 - t4) + " ms" : "");
        return size;
    }

    private int writeOf(JsonNode report) {
        JsonNode external = report.get("external_id");
        String prefix = "kill:" + tag + ":";
        if (external == null || !external.isTextual() || !external.textValue().startsWith(prefix)) {
            return -1;
        }
        try {
            int i = Integer.parseInt(external.textValue().substring(prefix.length()));
            return i >= 0 && i < config.writes() ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void compare(String when, int i, Ack ack, JsonNode report) {
        if (report.get("log_index").asLong() != ack.logIndex()) {
            fail(when + ": write #" + i + " (" + ack.id() + ") was acknowledged at log index " + ack.logIndex() + " but reads back at "
                    + report.get("log_index"));
        }
        if (report.has("withheld")) {
            fail(when + ": write #" + i + " (" + ack.id() + ") lost the openings of its sealed fields " + report.get("withheld"));
        }
        JsonNode sent = Json.parse(body(i).getBytes(StandardCharsets.UTF_8));
        sent.fieldNames().forEachRemaining(field -> {
            JsonNode expected = Json.parse(Json.write(sent.get(field)).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(report.get(field))) {
                fail(when + ": write #" + i + " (" + ack.id() + ") reads back with " + field + " = " + report.get(field) + ", sent "
                        + expected);
            }
        });
    }

    private Map<String, JsonNode> listAllReports(TruceProcess server, String when, long size) {
        Map<String, JsonNode> byId = new HashMap<>();
        String cursor = null;
        long pages = size / 1000 + 3;
        for (long page = 0; page < pages; page++) {
            HttpResponse<String> response = get(server, "/api/v1/reports?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            JsonNode json = Json.parse(text(response, 200).getBytes(StandardCharsets.UTF_8));
            for (JsonNode item : json.get("items")) {
                if (byId.put(item.get("id").textValue(), item) != null) {
                    fail(when + ": report " + item.get("id") + " listed twice");
                }
            }
            JsonNode next = json.get("next_cursor");
            if (next == null || next.isNull()) {
                return byId;
            }
            cursor = next.textValue();
        }
        fail(when + ": the report listing did not end within " + pages + " pages");
        return byId;
    }

    private void readBack(TruceProcess server, String when, List<Integer> writes) {
        int threads = Math.max(1, Math.min(4, config.clients()));
        ExecutorService readers = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform().daemon(true).name("kill-reader").unstarted(r));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(readers.submit(() -> {
                    for (int k = first; k < writes.size() && !aborted; k += threads) {
                        int i = writes.get(k);
                        Ack ack = acks.get(i);
                        HttpResponse<String> response = get(server, "/api/v1/reports/" + ack.id());
                        if (response.statusCode() != 200) {
                            abort(when + ": GET /api/v1/reports/" + ack.id() + " (write #" + i + ", acknowledged) answered "
                                    + response.statusCode() + ": " + response.body());
                            return;
                        }
                        try {
                            compare(when, i, ack, Json.parse(response.body().getBytes(StandardCharsets.UTF_8)));
                        } catch (AssertionError e) {
                            abort(e.getMessage());
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            fail(when + ": reading the reports back failed: " + e);
        } finally {
            readers.shutdownNow();
        }
        failIfProblems(when);
    }

    private void runVerifier(TruceProcess server, String when) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"--url", server.uri("/log").toString(), "--key", history.verifierKey(), "--state",
                verifierState.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            fail(when + ": the standalone verifier exited " + exit + ": " + err.toString(StandardCharsets.UTF_8).strip() + " " + output);
        }
        verifierLine = output;
    }

    // --- plumbing ---------------------------------------------------------------------------

    private void awaitClients(List<Future<?>> running) {
        for (Future<?> f : running) {
            try {
                f.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                fail("the stream did not end within " + config.timeLimit() + " (" + acked.get() + " of " + config.writes() + " acknowledged)");
            } catch (Exception e) {
                fail("a client failed: " + e);
            }
        }
    }

    private HttpResponse<String> get(TruceProcess server, String path) {
        try {
            return server.http().send(HttpRequest.newBuilder(server.uri(path)).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(seedNote() + "GET " + path + " failed on server " + server.generation() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private HttpResponse<String> getQuietly(TruceProcess server, String path) {
        try {
            return server.http().send(HttpRequest.newBuilder(server.uri(path)).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String text(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            fail(response.request().method() + " " + response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void checkTime(String what) {
        if (System.nanoTime() > deadline) {
            fail("out of time (" + config.timeLimit() + ") while " + what);
        }
    }

    private void problem(String text) {
        synchronized (problems) {
            problems.add(text);
        }
    }

    private void abort(String text) {
        problem(text);
        aborted = true;
        gateLock.lock();
        try {
            gateChanged.signalAll();
        } finally {
            gateLock.unlock();
        }
    }

    private void failIfProblems(String when) {
        List<String> copy;
        synchronized (problems) {
            copy = List.copyOf(problems);
        }
        if (!copy.isEmpty()) {
            fail(when + ": " + copy.size() + " problem(s):\n  " + String.join("\n  ", copy.subList(0, Math.min(20, copy.size()))));
        }
    }

    private String seedNote() {
        return "[kill run on " + config.store() + ", seed " + config.seed() + "] ";
    }

    private void fail(String message) {
        aborted = true;
        TruceProcess p = current;
        throw new AssertionError(seedNote() + message + "\nacknowledged " + acked.get() + " of " + config.writes()
                + "; data in " + config.dir() + "; last server output:\n" + (p == null ? "" : p.outputTail()));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
