package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.service.projection.ProjectionDigest;

/**
 * The other guarantor's copy: a second process, in another time zone and locale, rebuilds a store
 * from the first Truce's log fetched over HTTP, and its projections hash the same, byte for byte.
 */
class MirrorRebuildTest {
    private static final Pattern DIGEST = Pattern.compile("projection digest ([0-9a-f]{64})");

    @TempDir
    Path temp;

    @Test
    void aMirrorInAnotherTimeZoneAndLocaleHasTheSameProjections() throws Exception {
        try (TestServer server = TestServer.start(TestStores.options(new TestStores.Kind("h2"), temp), true)) {
            String arabic = ReportApiTest.VALID.replace("Mortar shells hit al-Midan", "سقطت قذائف هاون على حي الميدان — Минометный обстрел");
            assertThat(server.postJson("/api/v1/reports", arabic).statusCode()).isEqualTo(201);
            assertThat(server.runtime().awaitCheckpoint(Duration.ofSeconds(30))).isTrue();
            String expected = ProjectionDigest.of(server.runtime().store());
            String key = server.get("/log/key").body().strip();

            String output = runMirror(server.uri("/log").toString(), key, temp.resolve("mirror"));
            Matcher digest = DIGEST.matcher(output);
            assertThat(digest.find()).as(output).isTrue();
            assertThat(digest.group(1)).isEqualTo(expected);
            assertThat(output).contains("equal to the remote checkpoint's");
        }
    }

    @Test
    void aMirrorRefusesALogSignedByAnotherKey() throws Exception {
        try (TestServer server = TestServer.start(TestStores.options(new TestStores.Kind("h2"), temp), false)) {
            assertThat(server.postJson("/api/v1/reports", ReportApiTest.VALID).statusCode()).isEqualTo(201);
            assertThat(server.runtime().awaitCheckpoint(Duration.ofSeconds(30))).isTrue();
            String wrongKey = org.truce.log.merkle.sign.SigningKeys.generate(server.runtime().publishedLog().origin()).verifierKey();
            ProcessResult result = start(server.uri("/log").toString(), wrongKey, temp.resolve("mirror"));
            assertThat(result.exit()).isNotZero();
            assertThat(result.output()).doesNotContain("Mirrored");
        }
    }

    private record ProcessResult(int exit, String output) {
    }

    private static String runMirror(String url, String key, Path data) throws IOException, InterruptedException {
        ProcessResult result = start(url, key, data);
        assertThat(result.exit()).as(result.output()).isZero();
        return result.output();
    }

    private static ProcessResult start(String url, String key, Path data) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Duser.timezone=Pacific/Kiritimati", "-Duser.language=ar", "-Duser.country=SA", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), "org.truce.cli.Main",
                "rebuild", "--from", url, "--key", key, "--data", data.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the mirror did not finish within 120 s");
        }
        return new ProcessResult(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
