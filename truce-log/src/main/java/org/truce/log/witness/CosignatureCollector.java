package org.truce.log.witness;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.truce.log.merkle.IntegrationFailedException;
import org.truce.log.merkle.MerkleLog;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.verify.Base64Strict;
import org.truce.verify.VerificationException;
import org.truce.verify.checkpoint.Cosignature;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.NoteVerifier;
import org.truce.verify.note.SignedNote;
import org.truce.verify.note.VerifiedNote;

/**
 * The log side of c2sp.org/tlog-witness: a background thread that sends each checkpoint the log
 * publishes to every configured witness ({@code POST <prefix>/add-checkpoint}), verifies the
 * cosignature each returns with that witness's {@code cosignature/v1} key, and republishes the
 * same checkpoint with the cosignature lines appended ({@link MerkleLog#addCosignatures}).
 *
 * <p>It never blocks appends or integration: it only reads the published checkpoint and proofs,
 * and a newer checkpoint simply supersedes the one being cosigned. Per witness it remembers the
 * size the witness last cosigned (0 at start) and sends {@code old} = that size with the RFC 6962
 * consistency proof from it; a 409 answer carries the witness's size ({@code text/x.tlog.size}),
 * and the request is retried once from that size. Each request has a timeout; a witness that
 * fails is retried with a doubling pause (1 s up to {@code maxBackoff}), so an absent witness
 * costs one request per pause. Requests for different witnesses are sent one after the other.
 */
public final class CosignatureCollector implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CosignatureCollector.class.getName());
    private static final String SIZE_TYPE = "text/x.tlog.size";

    /** Timeouts and pacing. */
    public record Settings(Duration requestTimeout, Duration pollInterval, Duration maxBackoff) {
        /** 5 s per request, a look at the log every 500 ms, at most 60 s between attempts on a failing witness. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(60));
        }
    }

    private final MerkleLog log;
    private final List<Target> targets = new ArrayList<>();
    private final Settings settings;
    private final HttpClient http;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private CosignatureCollector(MerkleLog log, List<WitnessEndpoint> witnesses, Settings settings) {
        this.log = log;
        this.settings = settings;
        for (WitnessEndpoint witness : witnesses) {
            try {
                targets.add(new Target(witness, Cosignature.verifier(witness.key())));
            } catch (KeyFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = Thread.ofPlatform().name("truce-cosignatures " + log.origin()).daemon(true).unstarted(this::loop);
    }

    /** Starts collecting cosignatures from {@code witnesses} for the checkpoints of {@code log}. */
    public static CosignatureCollector start(MerkleLog log, List<WitnessEndpoint> witnesses, Settings settings) {
        CosignatureCollector collector = new CosignatureCollector(log, witnesses, settings);
        collector.thread.start();
        return collector;
    }

    private void loop() {
        while (stop.getCount() > 0) {
            long size = 0;
            try {
                Optional<SignedCheckpoint> latest = log.checkpoint();
                if (latest.isPresent()) {
                    size = latest.get().size();
                    collect(latest.get());
                }
                long started = System.nanoTime();
                if (!log.awaitIntegrated(size + 1, settings.pollInterval())) {
                    long left = settings.pollInterval().toNanos() - (System.nanoTime() - started);
                    stop.await(Math.max(0, left), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IntegrationFailedException e) {
                LOG.log(System.Logger.Level.WARNING, "the log stopped publishing checkpoints; no more cosignatures are collected");
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "collecting cosignatures failed; trying again", e);
                try {
                    stop.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Asks every witness that has not cosigned {@code checkpoint} (and is not pausing), then republishes. */
    private void collect(SignedCheckpoint checkpoint) throws InterruptedException {
        SignedNote note;
        try {
            note = SignedNote.parse(checkpoint.note());
        } catch (VerificationException e) {
            throw new IllegalStateException("the published checkpoint is not a signed note", e);
        }
        List<String> lines = new ArrayList<>();
        for (Target target : targets) {
            if (target.hasCosigned(note) || System.nanoTime() < target.nextAttemptNanos) {
                continue;
            }
            try {
                lines.add(target.cosign(checkpoint, note));
                target.failures = 0;
                target.nextAttemptNanos = 0;
            } catch (IOException | CosigningException e) {
                target.failures++;
                long pause = Math.min(settings.maxBackoff().toNanos(),
                        TimeUnit.SECONDS.toNanos(1) << Math.min(target.failures - 1, 20));
                target.nextAttemptNanos = System.nanoTime() + pause;
                LOG.log(System.Logger.Level.WARNING, "witness {0} did not cosign the checkpoint of size {1} (failure {2} in a"
                        + " row, next attempt in {3} ms): {4}", target.witness.prefix(), checkpoint.size(), target.failures,
                        TimeUnit.NANOSECONDS.toMillis(pause), e.getMessage());
            }
        }
        if (!lines.isEmpty() && !log.addCosignatures(checkpoint.size(), lines)) {
            LOG.log(System.Logger.Level.DEBUG, "checkpoint of size {0} was superseded before its cosignatures were added",
                    checkpoint.size());
        }
    }

    /** A witness refused the checkpoint or answered something that is not a valid cosignature. */
    private static final class CosigningException extends Exception {
        private static final long serialVersionUID = 1L;

        CosigningException(String message) {
            super(message);
        }
    }

    /** One witness and what this log knows of it. Used by the collector thread only. */
    private final class Target {
        private final WitnessEndpoint witness;
        private final NoteVerifier verifier;
        private long cosignedSize; // the size the witness last cosigned, as far as this process knows
        private int failures;
        private long nextAttemptNanos;

        Target(WitnessEndpoint witness, NoteVerifier verifier) {
            this.witness = witness;
            this.verifier = verifier;
        }

        boolean hasCosigned(SignedNote note) {
            return note.signatures().stream()
                    .anyMatch(s -> s.name().equals(verifier.name()) && s.keyId() == verifier.keyId());
        }

        /** Returns the witness's verified cosignature line for {@code checkpoint}. */
        String cosign(SignedCheckpoint checkpoint, SignedNote note) throws IOException, InterruptedException,
                CosigningException {
            HttpResponse<String> response = send(checkpoint);
            if (response.statusCode() == 409) {
                cosignedSize = witnessSize(response, checkpoint.size());
                response = send(checkpoint);
            }
            if (response.statusCode() != 200) {
                throw new CosigningException("HTTP " + response.statusCode() + ": " + clip(response.body()));
            }
            String line = verifiedLine(note, response.body());
            cosignedSize = checkpoint.size();
            return line;
        }

        private HttpResponse<String> send(SignedCheckpoint checkpoint) throws IOException, InterruptedException,
                CosigningException {
            long old = cosignedSize;
            if (old > checkpoint.size()) {
                throw new CosigningException("the witness cosigned size " + old + ", larger than the log's latest checkpoint ("
                        + checkpoint.size() + ")");
            }
            StringBuilder body = new StringBuilder("old ").append(old).append('\n');
            if (old > 0 && old < checkpoint.size()) {
                for (byte[] hash : log.consistencyProof(old, checkpoint.size())) {
                    body.append(Base64Strict.encode(hash)).append('\n');
                }
            }
            body.append('\n').append(new String(checkpoint.note(), StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(witness.addCheckpoint()).timeout(settings.requestTimeout())
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        private long witnessSize(HttpResponse<String> response, long latestSize) throws CosigningException {
            String type = response.headers().firstValue("Content-Type").orElse("");
            String text = response.body();
            if (!type.startsWith(SIZE_TYPE) || !text.matches("(0|[1-9][0-9]{0,18})\n")) {
                throw new CosigningException("HTTP 409 without a " + SIZE_TYPE + " size: " + clip(text));
            }
            long size = Long.parseLong(text.strip());
            if (size > latestSize) {
                throw new CosigningException("the witness has cosigned size " + size + " of this log, larger than its latest"
                        + " checkpoint (" + latestSize + ")");
            }
            return size;
        }

        /** Checks the response's lines against the witness's key; returns the line that verifies. */
        private String verifiedLine(SignedNote note, String body) throws CosigningException {
            try {
                SignedNote cosigned = SignedNote.parse((note.text() + "\n" + body).getBytes(StandardCharsets.UTF_8));
                List<NoteSignature> verified = VerifiedNote.verify(cosigned, List.of(verifier)).verified();
                return verified.get(0).line();
            } catch (VerificationException e) {
                throw new CosigningException("the answer is not a valid cosignature by " + witness.key().name() + "+"
                        + org.truce.verify.note.KeyId.hex(witness.key().keyId()) + ": " + e.getMessage());
            }
        }
    }

    private static String clip(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    /** Stops the thread; a request in flight is abandoned. */
    @Override
    public void close() {
        stop.countDown();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
