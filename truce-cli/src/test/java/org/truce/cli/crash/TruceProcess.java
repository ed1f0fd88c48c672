package org.truce.cli.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Truce server in its own JVM ({@code org.truce.cli.Main serve} on the test JVM's class path),
 * listening on 127.0.0.1 on a port it picks; its output goes to a log file. {@link #kill} is
 * SIGKILL: the process gets no chance to close anything.
 */
final class TruceProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("Truce is serving .*http://localhost:(\\d+)/");

    private final int generation;
    private final Process process;
    private final Path logFile;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private volatile boolean killed;
    private volatile URI base;
    /** This server's own client: connections never outlive the process, and killing it fails what is in flight. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TruceProcess(int generation, Process process, Path logFile) {
        this.generation = generation;
        this.process = process;
        this.logFile = logFile;
    }

    /** The java command (this JVM's) that starts {@code org.truce.cli.Main} with {@code args} on {@code classPath}. */
    static List<String> command(String classPath, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        // A server lives for a few seconds between kills on a 2-core machine: the serial collector and
        // C1 alone start it sooner and warm it up faster than C2 would (-Dtruce.kill.jvm adds options).
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        if (java.lang.Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Duser.language=en");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        String extra = System.getProperty("truce.kill.jvm", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("org.truce.cli.Main");
        command.addAll(args);
        return command;
    }

    /**
     * Starts {@code serve} with the store options {@code storeArgs} on a free port of 127.0.0.1 and
     * returns at once; {@link #awaitReady} waits for it to serve.
     */
    static TruceProcess launch(int generation, String classPath, List<String> storeArgs, Path logFile) {
        List<String> args = new ArrayList<>(List.of("serve", "--host", "127.0.0.1", "--port", "0"));
        args.addAll(storeArgs);
        ProcessBuilder builder = new ProcessBuilder(command(classPath, args)).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Truce server JVM", e);
        }
        TruceProcess server = new TruceProcess(generation, process, logFile);
        Thread.ofPlatform().daemon(true).name("truce-server-" + generation + "-output").start(server::pumpOutput);
        return server;
    }

    private void pumpOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            log.write("--- server generation " + generation + " (pid " + process.pid() + ")\n");
            log.flush();
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process died (that is the point) or the log folder went away; nothing to do
        } finally {
            port.completeExceptionally(new IllegalStateException("server generation " + generation + " ended without serving"));
        }
    }

    /**
     * Waits until the server announced its port and answers {@code GET /healthz} with 200.
     *
     * @throws IllegalStateException with the end of its output if it exits or the time runs out first
     */
    TruceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int p;
        try {
            p = port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("server generation " + generation + " did not start within " + timeout
                    + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")") + "; its output:\n" + outputTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        base = URI.create("http://127.0.0.1:" + p);
        for (int attempt = 0; attempt < 10_000 && System.nanoTime() < deadline; attempt++) {
            if (!process.isAlive()) {
                break;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/healthz")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(20);
        }
        throw new IllegalStateException("server generation " + generation + " did not answer /healthz within " + timeout
                + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")") + "; its output:\n" + outputTail());
    }

    /** An HTTP/1.1 client for this server only; shut down when the server is killed. */
    HttpClient http() {
        return http;
    }

    int generation() {
        return generation;
    }

    long pid() {
        return process.pid();
    }

    boolean killed() {
        return killed;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Milliseconds since launch. */
    long ageMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** The server's base URI, {@code http://127.0.0.1:PORT}; null before {@link #awaitReady}. */
    URI base() {
        return base;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** SIGKILL, then waits (bounded) for the process to be gone. Marks the process killed first. */
    void kill() {
        killed = true;
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("server generation " + generation + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            http.shutdownNow();
        }
    }

    /** The last lines of the server's output (all generations share one log file). */
    String outputTail() {
        try {
            List<String> lines = Files.exists(logFile) ? Files.readAllLines(logFile, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
