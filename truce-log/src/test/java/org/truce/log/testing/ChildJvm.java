package org.truce.log.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM that a SIGKILL test starts, lets work until it has acknowledged something, and kills.
 * What counts is what the child reported before it died: its complete standard output lines (a line
 * cut off by the kill is ignored). The child's main runs through {@link ChildMain}.
 */
public final class ChildJvm implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>(); // guarded by itself
    private final Thread reader;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = Thread.ofPlatform().daemon(true).start(this::readLines);
    }

    /** Starts {@code main} with the test's class path and {@code args}; its standard error goes to {@code stderr}. */
    public static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    /** Waits until the child has written a line that {@code acknowledgement} accepts; fails the test after 30 s. */
    public void awaitFirst(Predicate<String> acknowledgement) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        synchronized (lines) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    if (acknowledgement.test(lines.get(seen))) {
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
        fail("child acknowledged nothing within %d s; stderr:%n%s", TIMEOUT_SECONDS, Files.readString(stderr));
    }

    /** Sends SIGKILL after {@code delayMillis}, waits for the child to die, and returns the lines it completed. */
    public List<String> killAfter(long delayMillis) throws InterruptedException {
        Thread.sleep(delayMillis);
        process.destroyForcibly();
        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child died").isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Kills the child if a failed test left it running. */
    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                synchronized (lines) {
                    lines.add(line.toString());
                    lines.notifyAll();
                }
                line.setLength(0);
            }
        } catch (IOException e) {
            // the pipe breaks when the child is killed: what was read is what counts
        }
    }
}
