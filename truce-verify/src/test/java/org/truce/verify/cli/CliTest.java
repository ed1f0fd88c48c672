package org.truce.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.note.SignedNote;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.testing.TesseraLog;
import org.truce.verify.testing.TestLog;
import org.truce.verify.testing.TestSigner;
import org.truce.verify.testing.Vectors;

/**
 * The command end to end against the real Tessera test log served over HTTP by a JDK HttpServer,
 * and against copies of it with planted faults.
 */
class CliTest {
  static final String VKEY = TesseraLog.VKEY;
  static final String SKEY = TesseraLog.SKEY;

  @TempDir
  Path temp;

  Path log;
  Path state;

  /** The result of one run. */
  record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void copyTheLog() throws Exception {
    log = temp.resolve("log");
    TestLog.copy(Vectors.directory("tessera-log"), log);
    state = temp.resolve("state/example.checkpoint");
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run verify(LogServer server, String... extra) {
    List<String> args = new ArrayList<>(List.of("--url", server.url(), "--key", VKEY, "--state", state.toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(new String[0]));
  }

  @Test
  void verifies_the_tessera_log_and_saves_its_checkpoint() throws Exception {
    try (LogServer server = LogServer.serveGzipped(log)) {
      Run first = verify(server);
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).isEqualTo("OK example.com/log/testdata: size 15, root rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=; "
          + "15 entries verified (2 resources read); no saved checkpoint; 0 of 0 witnesses cosigned\n");
      assertThat(Files.readAllBytes(state)).isEqualTo(Vectors.bytes("tessera-log/checkpoint"));
      Run second = verify(server);
      assertThat(second.exitCode()).isZero();
      assertThat(second.out()).contains("consistent with saved size 15");
    }
  }

  @Test
  void checks_consistency_with_an_older_saved_checkpoint() throws Exception {
    Files.createDirectories(state.getParent());
    Files.write(state, Vectors.bytes("tessera-log/checkpoint.10"));
    try (LogServer server = LogServer.serve(log)) {
      Run run = verify(server);
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("consistent with saved size 10");
      assertThat(Files.readAllBytes(state)).isEqualTo(Vectors.bytes("tessera-log/checkpoint.15"));
    }
  }

  @Test
  void a_flipped_byte_in_an_entry_bundle_fails_naming_the_entry() throws Exception {
    flipByteOfEntry(log.resolve("tile/entries/000.p/15"), 7);
    try (LogServer server = LogServer.serve(log)) {
      Run run = verify(server);
      assertThat(run.exitCode()).isEqualTo(ExitCode.VERIFICATION_FAILED.code()).isEqualTo(1);
      assertThat(run.err()).startsWith("truce-verify: entry 7 does not match its tile: tile/entries/000.p/15 gives leaf hash ");
      assertThat(run.out()).isEmpty();
      assertThat(Files.exists(state)).isFalse();
    }
  }

  /** Flips the low bit of the first byte of entry {@code index} (not of its length prefix). */
  static void flipByteOfEntry(Path bundle, int index) throws Exception {
    byte[] data = Files.readAllBytes(bundle);
    int offset = 0;
    for (int i = 0; i < index; i++) {
      offset += 2 + (((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff));
    }
    data[offset + 2] ^= 1;
    Files.write(bundle, data);
  }

  @Test
  void a_forked_log_is_not_consistent_with_the_saved_checkpoint() throws Exception {
    Files.createDirectories(state.getParent());
    Files.write(state, Vectors.bytes("tessera-log/checkpoint.10"));
    // A validly signed log of 15 entries whose entry 3 differs from the one the saved checkpoint covers.
    List<byte[]> entries = new ArrayList<>();
    for (String entry : TesseraLog.ENTRIES) {
      entries.add(entry.getBytes(StandardCharsets.US_ASCII));
    }
    entries.set(3, "FOUR".getBytes(StandardCharsets.US_ASCII));
    Path fork = temp.resolve("fork");
    TestLog.write(fork, entries, TestSigner.fromSkey(SKEY));
    try (LogServer server = LogServer.serve(fork)) {
      Run run = verify(server);
      assertThat(run.exitCode()).isEqualTo(ExitCode.INCONSISTENT.code()).isEqualTo(4);
      assertThat(run.err()).startsWith("truce-verify: checkpoint of size 15 is not consistent with the saved checkpoint of size 10: old root mismatch: expected ");
      assertThat(Files.readAllBytes(state)).isEqualTo(Vectors.bytes("tessera-log/checkpoint.10"));
    }
  }

  @Test
  void a_log_that_shrank_is_inconsistent() throws Exception {
    Files.createDirectories(state.getParent());
    Files.write(state, Vectors.bytes("tessera-log/checkpoint.15"));
    Files.write(log.resolve("checkpoint"), Vectors.bytes("tessera-log/checkpoint.10"));
    try (LogServer server = LogServer.serve(log)) {
      Run run = verify(server);
      assertThat(run.exitCode()).isEqualTo(4);
      assertThat(run.err()).isEqualTo("truce-verify: log has shrunk: saved checkpoint has size 15, new checkpoint has size 10\n");
    }
  }

  @Test
  void a_checkpoint_with_a_root_the_entries_do_not_give_fails() throws Exception {
    Checkpoint lying = Checkpoint.of("example.com/log/testdata", 15, Vectors.bytes("tessera-log/tile/0/000.p/1"));
    TestLog.writeCheckpoint(log, lying, TestSigner.fromSkey(SKEY));
    try (LogServer server = LogServer.serve(log)) {
      Run run = verify(server);
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).startsWith("truce-verify: checkpoint root mismatch: expected ");
    }
  }

  @Test
  void a_checkpoint_by_another_key_fails() throws Exception {
    String otherKey = "Log+2271c621+AemuH5ooBpEPcr+W8onrjA1NfuzBVHdezakU81Ekarvs";
    try (LogServer server = LogServer.serve(log)) {
      Run run = run("--url", server.url(), "--key", otherKey, "--state", state.toString());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).startsWith("truce-verify: checkpoint: note has no verifiable signatures");
    }
  }

  @Test
  void witness_cosignatures_are_counted_against_the_quorum() throws Exception {
    TestSigner witness = TestSigner.random("witness.example/w1", 11);
    TestSigner absent = TestSigner.random("witness.example/w2", 12);
    SignedNote note = SignedNote.parse(Vectors.bytes("tessera-log/checkpoint"));
    Files.write(log.resolve("checkpoint"), note.withSignature(witness.cosign(note.text(), 1767225600)).toBytes());
    String w1 = witness.cosignatureKey().encode();
    String w2 = absent.cosignatureKey().encode();
    try (LogServer server = LogServer.serve(log)) {
      Run one = verify(server, "--witness", w1);
      assertThat(one.exitCode()).as(one.err()).isZero();
      assertThat(one.out()).endsWith("1 of 1 witnesses cosigned\n");
      Run both = verify(server, "--witness", w1, "--witness", w2);
      assertThat(both.exitCode()).isEqualTo(1);
      assertThat(both.err()).isEqualTo("truce-verify: checkpoint: witness quorum not met: need 2 of 2 witnesses, got 1 [witness.example/w1]\n");
      Run oneOfTwo = verify(server, "--witness", w1, "--witness", w2, "--quorum", "1");
      assertThat(oneOfTwo.exitCode()).isZero();
    }
  }

  @Test
  void usage_errors_exit_with_2() throws Exception {
    String smallOrder = VerifierKey.of("weak", VerifierKey.TYPE_ED25519, new byte[32]).encode();
    assertThat(run().exitCode()).isEqualTo(2);
    assertThat(run("--url", "http://127.0.0.1:1/log").err()).isEqualTo("truce-verify: --key is required (see --help)\n");
    assertThat(run("--url", "ftp://x/log", "--key", VKEY).exitCode()).isEqualTo(2);
    assertThat(run("--url", "http://127.0.0.1:1/log", "--key", "nonsense").err()).startsWith("truce-verify: --key: malformed verifier key");
    assertThat(run("--url", "http://127.0.0.1:1/log", "--key", VKEY, "--quorum", "1").err())
        .isEqualTo("truce-verify: --quorum 1 is more than the 0 witnesses given\n");
    assertThat(run("--url", "http://127.0.0.1:1/log", "--key", smallOrder).err())
        .isEqualTo("truce-verify: --key weak is a small-order point: anyone can forge its signatures\n");
    assertThat(run("--url", "http://127.0.0.1:1/log", "--key", VKEY, "--witness", VKEY).err())
        .isEqualTo("truce-verify: key example.com/log/testdata has type 0x01, but cosignature/v1 needs a type 0x04 key\n");
    assertThat(run("--bogus", "1").err()).isEqualTo("truce-verify: unknown option --bogus (see --help)\n");
    assertThat(run("--url=http://127.0.0.1:1/log", "--key").err()).isEqualTo("truce-verify: option --key needs a value (see --help)\n");
  }

  @Test
  void help_prints_the_usage() {
    Run run = run("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("usage: java -jar truce-verify.jar --url URL --key VKEY");
  }

  @Test
  void an_unreachable_log_exits_with_3() throws Exception {
    String url;
    try (LogServer server = LogServer.serve(log)) {
      url = server.url();
    }
    Run run = run("--url", url, "--key", VKEY, "--state", state.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).startsWith("truce-verify: could not fetch the checkpoint: ");
  }

  @Test
  void a_missing_tile_exits_with_3_and_a_tampered_state_file_too() throws Exception {
    try (LogServer server = LogServer.serve(log)) {
      Files.delete(log.resolve("tile/0/000.p/15"));
      Run missing = verify(server);
      assertThat(missing.exitCode()).isEqualTo(3);
      assertThat(missing.err()).isEqualTo("truce-verify: could not read the log: not found: tile/0/000.p/15 nor tile/0/000\n");
      Files.createDirectories(state.getParent());
      byte[] saved = Vectors.bytes("tessera-log/checkpoint.10");
      saved[30] ^= 1;
      Files.write(state, saved);
      Run tampered = verify(server);
      assertThat(tampered.exitCode()).isEqualTo(3);
      assertThat(tampered.err()).startsWith("truce-verify: the saved checkpoint in " + state + " does not verify: ");
    }
  }

  @Test
  void the_default_state_file_is_named_after_the_origin() {
    assertThat(StateFile.sanitise("example.com/log/testdata")).isEqualTo("example.com_log_testdata");
    assertThat(StateFile.defaultPath("example.com/log/testdata").toString())
        .endsWith(Path.of(".truce-verify", "example.com_log_testdata.checkpoint").toString());
  }
}
