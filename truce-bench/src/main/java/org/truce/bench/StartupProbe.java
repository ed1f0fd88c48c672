package org.truce.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the demo's start: the time from launching {@code java -jar truce.jar demo} to the first
 * {@code 200} from {@code /healthz}, and the process's resident memory once the map page and its data
 * have been served. Each round uses a data folder that already holds the demo (the "later start");
 * round 0 creates it (the first start, demo load included) and is reported separately.
 *
 * <pre>java -cp truce-bench/target/benchmarks.jar org.truce.bench.StartupProbe truce-cli/target/truce.jar 5 [JVM-OPTION...]</pre>
 *
 * JVM options after the round count are passed to every Truce process (e.g. the class-data sharing
 * options {@code ./truce} adds).
 */
public final class StartupProbe {
    private static final List<String> JVM_OPTIONS = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "truce-cli/target/truce.jar");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        JVM_OPTIONS.addAll(List.of(args).subList(Math.min(2, args.length), args.length));
        Path data = Files.createTempDirectory("truce-startup");
        Result first = round(jar, data);
        System.out.printf("first start (demo load): %d ms to /healthz, RSS %d MB%n", first.millis, first.rssKb / 1024);
        long[] millis = new long[rounds];
        long[] rss = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            Result r = round(jar, data);
            millis[i] = r.millis;
            rss[i] = r.rssKb;
        }
        Arrays.sort(millis);
        Arrays.sort(rss);
        System.out.printf("later starts (%d): to /healthz min %d / median %d / max %d ms; RSS after serving the map median %d MB (max %d MB)%n",
                rounds, millis[0], millis[rounds / 2], millis[rounds - 1], rss[rounds / 2] / 1024, rss[rounds - 1] / 1024);
    }

    private record Result(long millis, long rssKb) {
    }

    private static Result round(Path jar, Path data) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString(), "demo", "--data", data.toString(), "--port", String.valueOf(port)));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String base = "http://127.0.0.1:" + port;
            while (!healthy(base)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Truce exited with " + process.exitValue());
                }
                if (System.nanoTime() - started > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("no /healthz within 5 minutes");
                }
                Thread.sleep(10);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            for (String path : List.of("/", "/api/v1/areas?at=2016-09-19T00:00:00Z", "/api/v1/reports?limit=1000", "/api/v1/agreements")) {
                get(base + path);
            }
            return new Result(millis, rssKb(process.pid()));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static boolean healthy(String base) {
        try {
            return get(base + "/healthz") == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
