package org.truce.verify.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.verify.VerificationException;
import org.truce.verify.note.Ed25519NoteVerifier;
import org.truce.verify.note.NoteVerifier;
import org.truce.verify.note.VerifiedNote;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.testing.Json;
import org.truce.verify.testing.Vectors;

/** Real sum.golang.org checkpoints (tlog/checkpoints-go-sumdb.json). */
class GoSumdbCheckpointsTest {
  private static final Json.Node VECTORS = Vectors.json("checkpoints-go-sumdb.json");

  @Test
  void production_checkpoints_verify() throws VerificationException {
    // The Go checksum database's key is named sum.golang.org, but its origin line differs.
    CheckpointVerifier verifier = CheckpointVerifier.forLog(VerifierKey.parse(VECTORS.get("vkey").str()))
        .withOrigin("go.sum database tree");
    for (Json.Node c : VECTORS.get("checkpoints").list()) {
      Checkpoint checkpoint = verifier.verify(c.get("note").str().getBytes(StandardCharsets.UTF_8)).checkpoint();
      assertThat(checkpoint.origin()).isEqualTo(c.get("origin").str());
      assertThat(checkpoint.size()).isEqualTo(c.get("tree_size").uint64());
      assertThat(Base64.getEncoder().encodeToString(checkpoint.rootHash())).isEqualTo(c.get("root_hash_base64").str());
    }
  }

  @Test
  void the_origin_defaults_to_the_key_name_and_must_match() throws VerificationException {
    CheckpointVerifier verifier = CheckpointVerifier.forLog(VerifierKey.parse(VECTORS.get("vkey").str()));
    byte[] note = VECTORS.get("checkpoints").list().get(0).get("note").str().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> verifier.verify(note))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("origin mismatch: expected \"sum.golang.org\", got \"go.sum database tree\"");
  }

  @Test
  void all_four_signatures_of_the_multi_signature_note_verify() throws VerificationException {
    Json.Node multi = VECTORS.get("multi_signature_note");
    List<NoteVerifier> verifiers = new ArrayList<>();
    for (String vkey : multi.get("verifier_keys").strings()) {
      verifiers.add(new Ed25519NoteVerifier(VerifierKey.parse(vkey)));
    }
    byte[] note = multi.get("note").str().getBytes(StandardCharsets.UTF_8);
    assertThat(VerifiedNote.open(note, verifiers).verified()).hasSize(4);
    // Two of four known: the other two are ignored, not failures.
    VerifiedNote some = VerifiedNote.open(note, verifiers.subList(1, 3));
    assertThat(some.verified()).hasSize(2);
    assertThat(some.unknown()).hasSize(2);
    // The log's signature alone makes it a valid checkpoint; the others are unknown keys to it.
    CheckpointVerifier log = CheckpointVerifier.forLog(VerifierKey.parse(VECTORS.get("vkey").str())).withOrigin("go.sum database tree");
    assertThat(log.verify(note).checkpoint().size()).isEqualTo(6476701);
  }
}
