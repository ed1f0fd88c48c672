package org.truce.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.verify.Main;
import org.truce.verify.testing.TesseraLog;
import org.truce.verify.testing.TestLog;
import org.truce.verify.testing.Vectors;

/** Runs {@code org.truce.verify.Main} in a separate JVM, as {@code java -jar} would, to check the real exit status. */
class MainProcessTest {
  @TempDir
  Path temp;

  @Test
  void the_process_exits_0_on_a_good_log_and_1_naming_the_entry_on_a_bad_one() throws Exception {
    Path log = temp.resolve("log");
    TestLog.copy(Vectors.directory("tessera-log"), log);
    try (LogServer server = LogServer.serve(log)) {
      Process good = start(server.url());
      assertThat(good.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(good.exitValue()).as(read(good.getErrorStream())).isZero();
      assertThat(read(good.getInputStream())).startsWith("OK example.com/log/testdata: size 15");

      CliTest.flipByteOfEntry(log.resolve("tile/entries/000.p/15"), 12);
      Process bad = start(server.url());
      assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(bad.exitValue()).isEqualTo(1);
      assertThat(read(bad.getErrorStream())).startsWith("truce-verify: entry 12 does not match its tile");
    }
  }

  @Test
  void main_is_compiled_for_java_17() throws Exception {
    try (InputStream in = Main.class.getResourceAsStream("Main.class")) {
      DataInputStream data = new DataInputStream(in);
      assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
      data.readUnsignedShort();
      assertThat(data.readUnsignedShort()).as("class file major version").isEqualTo(61);
    }
  }

  private Process start(String url) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    List<String> command = List.of(java, "-cp", classes, Main.class.getName(),
        "--url", url, "--key", TesseraLog.VKEY, "--state", temp.resolve("state").toString());
    return new ProcessBuilder(command).start();
  }

  private static String read(InputStream in) throws Exception {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
