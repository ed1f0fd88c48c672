package org.truce.verify.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.truce.verify.Hex;
import org.truce.verify.VerificationException;
import org.truce.verify.crypto.Ed25519PublicKey;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.InclusionProof;
import org.truce.verify.note.InvalidSignatureException;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.SignedNote;
import org.truce.verify.note.UnverifiedNoteException;
import org.truce.verify.note.VerifiedNote;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.testing.Json;
import org.truce.verify.testing.TestSigner;
import org.truce.verify.testing.Vectors;

/**
 * The sigsum-go vectors (tlog/sigsum-vectors.json) that concern what this module implements:
 * checkpoints, cosignature/v1 and RFC 9162 inclusion. Sigsum's own leaf and proof formats are
 * checked only as far as needed to reach those.
 */
class SigsumVectorsTest {
  private static final Json.Node VECTORS = Vectors.json("sigsum-vectors.json");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void the_deterministic_key_gives_the_published_origin_and_vkeys() throws Exception {
    Json.Node key = VECTORS.get("deterministic_key");
    TestSigner signer = TestSigner.of("x", Hex.decode(key.get("ed25519_seed_hex").str()));
    assertThat(Hex.encode(signer.publicKey())).isEqualTo(key.get("derived_public_key_hex").str());
    String origin = "sigsum.org/v1/tree/" + Hex.encode(MessageDigest.getInstance("SHA-256").digest(signer.publicKey()));
    assertThat(origin).isEqualTo(key.get("derived_log_origin").str());
    assertThat(VerifierKey.of(origin, VerifierKey.TYPE_ED25519, signer.publicKey()).encode()).isEqualTo(key.get("derived_log_vkey").str());
    assertThat(VerifierKey.of("example.org/witness", VerifierKey.TYPE_COSIGNATURE_V1, signer.publicKey()).encode())
        .isEqualTo(key.get("derived_witness_vkey_example.org/witness").str());
  }

  @Test
  void the_log_checkpoint_verifies_and_re_signs_byte_for_byte() throws VerificationException {
    Json.Node vector = VECTORS.get("log_checkpoint");
    VerifierKey key = VerifierKey.parse(vector.get("verify_with").str());
    String note = vector.get("note").str();
    VerifiedCheckpoint verified = CheckpointVerifier.forLog(key).verify(utf8(note));
    assertThat(verified.checkpoint().size()).isEqualTo(10);
    TestSigner signer = TestSigner.of(key.name(), Hex.decode(VECTORS.get("deterministic_key").get("ed25519_seed_hex").str()));
    String body = verified.checkpoint().body();
    assertThat(new String(SignedNote.of(body, List.of(signer.signNote(body))).toBytes(), StandardCharsets.UTF_8)).isEqualTo(note);
  }

  @Test
  void every_mutation_of_the_log_checkpoint_fails() throws VerificationException {
    Json.Node vector = VECTORS.get("log_checkpoint");
    CheckpointVerifier verifier = CheckpointVerifier.forLog(VerifierKey.parse(vector.get("verify_with").str()));
    SignedNote note = SignedNote.parse(utf8(vector.get("note").str()));
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    NoteSignature signature = note.signatures().get(0);
    byte[] root = checkpoint.rootHash();
    root[3] ^= 1;
    byte[] sig = signature.signature();
    sig[4] ^= 1;
    List<byte[]> mutations = List.of(
        withBody(note, checkpoint.origin() + "x\n10\n" + b64(checkpoint.rootHash()) + "\n"),
        SignedNote.of(note.text(), List.of(NoteSignature.of(signature.name(), signature.keyId() ^ 0x0100, signature.signature()))).toBytes(),
        withBody(note, checkpoint.origin() + "\n11\n" + b64(checkpoint.rootHash()) + "\n"),
        withBody(note, checkpoint.origin() + "\n10\n" + b64(root) + "\n"),
        SignedNote.of(note.text(), List.of(NoteSignature.of(signature.name(), signature.keyId(), sig))).toBytes());
    assertThat(mutations).hasSize(vector.get("negative_mutations").list().size());
    for (byte[] mutated : mutations) {
      assertThatThrownBy(() -> verifier.verify(mutated)).isInstanceOfAny(InvalidSignatureException.class, UnverifiedNoteException.class);
    }
  }

  /**
   * The four cosignature lines, each checked on its own. The fourth has a matching name and key
   * ID but 78 bytes instead of 76: sigsum-go skips it as "unwanted", while this verifier, following
   * C2SP signed-note (a known key's signature MUST be verified, and a failure SHOULD reject the
   * note), rejects the note.
   */
  @Test
  void cosignature_lines_give_the_expected_results() throws VerificationException {
    Json.Node vector = VECTORS.get("cosignature_lines");
    String body = vector.get("checkpoint_body").str();
    List<org.truce.verify.note.NoteVerifier> witness = List.of(Cosignature.verifier(VerifierKey.parse(vector.get("verify_with").str())));
    List<String> lines = vector.get("lines").strings();
    assertThatThrownBy(() -> VerifiedNote.open(utf8(body + "\n" + lines.get(0) + "\n"), witness)).isInstanceOf(UnverifiedNoteException.class);
    VerifiedNote ok = VerifiedNote.open(utf8(body + "\n" + lines.get(1) + "\n"), witness);
    assertThat(Cosignature.from(ok.verified().get(0)).timestamp()).isEqualTo(vector.get("timestamp").uint64());
    assertThatThrownBy(() -> VerifiedNote.open(utf8(body + "\n" + lines.get(2) + "\n"), witness)).isInstanceOf(UnverifiedNoteException.class);
    assertThatThrownBy(() -> VerifiedNote.open(utf8(body + "\n" + lines.get(3) + "\n"), witness)).isInstanceOf(InvalidSignatureException.class);
    assertThat(Cosignature.message(1234, utf8(body))).isEqualTo(utf8(vector.get("signed_message").str()));
  }

  @Test
  void cosigned_message_format_matches() {
    Json.Node vector = VECTORS.get("cosigned_data_format_example");
    Checkpoint checkpoint = Checkpoint.of(vector.get("origin").str(), vector.get("size").uint64(), Hex.decode(vector.get("root_hash_hex").str()));
    assertThat(checkpoint.body()).isEqualTo(vector.get("checkpoint_body").str());
    assertThat(new String(Cosignature.message(vector.get("timestamp").uint64(), utf8(checkpoint.body())), StandardCharsets.UTF_8))
        .isEqualTo(vector.get("cosigned_message").str());
  }

  @Test
  void the_end_to_end_sigsum_proof_checks_out() throws VerificationException {
    Json.Node vector = VECTORS.get("sigsum_proof_end_to_end");
    Json.Node derived = vector.get("derived");
    Map<String, List<String>> proof = parseAscii(vector.get("proof_ascii").str());
    byte[] checksum = sha256(Hex.decode(vector.get("message_hex").str()));
    assertThat(Hex.encode(checksum)).isEqualTo(derived.get("checksum_hex").str());
    // The leaf: checksum, submitter's signature over "sigsum.org/v1/tree-leaf\0" || checksum, key hash.
    String[] leafLine = proof.get("leaf").get(0).split(" ");
    byte[] leafSignature = Hex.decode(leafLine[1]);
    byte[] signedData = concat(utf8("sigsum.org/v1/tree-leaf\0"), checksum);
    assertThat(Ed25519PublicKey.of(sshKey(vector.get("submitter_key_ssh").str())).verify(signedData, leafSignature)).isTrue();
    byte[] leaf = concat(checksum, leafSignature, Hex.decode(leafLine[0]));
    assertThat(Hex.encode(Hashes.leafHash(leaf))).isEqualTo(derived.get("leaf_hash_hex").str());
    // The tree head as a checkpoint, signed by the log and cosigned by the witness.
    byte[] logKey = sshKey(vector.get("log_key_ssh").str());
    byte[] root = Hex.decode(proof.get("root_hash").get(0));
    Checkpoint checkpoint = Checkpoint.of("sigsum.org/v1/tree/" + Hex.encode(sha256(logKey)), Long.parseLong(proof.get("size").get(0)), root);
    assertThat(checkpoint.body()).isEqualTo(derived.get("checkpoint_body").str());
    assertThat(Ed25519PublicKey.of(logKey).verify(utf8(checkpoint.body()), Hex.decode(proof.get("signature").get(0)))).isTrue();
    String[] cosignature = proof.get("cosignature").get(0).split(" ");
    byte[] message = Cosignature.message(Long.parseLong(cosignature[1]), utf8(checkpoint.body()));
    assertThat(message).isEqualTo(utf8(derived.get("cosigned_message").str()));
    assertThat(Ed25519PublicKey.of(sshKey(vector.get("witness_key_ssh").str())).verify(message, Hex.decode(cosignature[2]))).isTrue();
    // And the leaf is at index 3 of the tree of size 4.
    List<byte[]> path = new ArrayList<>();
    proof.get("node_hash").forEach(h -> path.add(Hex.decode(h)));
    InclusionProof.verify(Long.parseLong(proof.get("leaf_index").get(0)), checkpoint.size(), Hashes.leafHash(leaf), path, root);
  }

  private static Map<String, List<String>> parseAscii(String ascii) {
    Map<String, List<String>> values = new HashMap<>();
    for (String line : ascii.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.computeIfAbsent(line.substring(0, equals), k -> new ArrayList<>()).add(line.substring(equals + 1));
      }
    }
    return values;
  }

  /** The raw Ed25519 key is the last 32 bytes of an OpenSSH ssh-ed25519 public key blob. */
  private static byte[] sshKey(String ssh) {
    byte[] blob = Base64.getDecoder().decode(ssh.split(" ")[1]);
    return Arrays.copyOfRange(blob, blob.length - 32, blob.length);
  }

  private static byte[] withBody(SignedNote note, String body) {
    return SignedNote.of(body, note.signatures()).toBytes();
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] sha256(byte[] data) {
    return Hashes.newSha256().digest(data);
  }

  private static byte[] concat(byte[]... parts) {
    byte[] out = new byte[0];
    for (byte[] part : parts) {
      byte[] next = Arrays.copyOf(out, out.length + part.length);
      System.arraycopy(part, 0, next, out.length, part.length);
      out = next;
    }
    return out;
  }
}
