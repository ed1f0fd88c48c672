package org.truce.verify.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.verify.Hex;
import org.truce.verify.VerificationException;
import org.truce.verify.note.InvalidSignatureException;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.SignedNote;
import org.truce.verify.note.UnverifiedNoteException;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.testing.Json;
import org.truce.verify.testing.TesseraLog;
import org.truce.verify.testing.TestSigner;
import org.truce.verify.testing.Vectors;

/**
 * k-of-n witness policies over the real Tessera test log checkpoint, cosigned by witnesses made
 * from the transparency-dev/formats test keys (Known, KnownAgain, Unknown), and the C2SP
 * cosignature example.
 */
class CosignatureQuorumTest {
  private static final Json.Node KEYS = Vectors.json("notes-transparency-dev-formats.json").get("test_keys");
  private static final String LOG_VKEY = TesseraLog.VKEY;

  private final SignedNote checkpoint = parse(Vectors.bytes("tessera-log/checkpoint"));
  private final TestSigner known = TestSigner.fromSkey(KEYS.get("Known").get("skey").str());
  private final TestSigner knownAgain = TestSigner.fromSkey(KEYS.get("KnownAgain").get("skey").str());
  private final TestSigner unknown = TestSigner.fromSkey(KEYS.get("Unknown").get("skey").str());

  private static SignedNote parse(byte[] note) {
    try {
      return SignedNote.parse(note);
    } catch (VerificationException e) {
      throw new AssertionError(e);
    }
  }

  private byte[] cosigned(NoteSignature... cosignatures) {
    SignedNote note = checkpoint;
    for (NoteSignature cosignature : cosignatures) {
      note = note.withSignature(cosignature);
    }
    return note.toBytes();
  }

  private CheckpointVerifier requiring(int quorum, TestSigner... witnesses) throws KeyFormatException {
    List<VerifierKey> keys = new ArrayList<>();
    for (TestSigner witness : witnesses) {
      keys.add(witness.cosignatureKey());
    }
    return CheckpointVerifier.forLog(VerifierKey.parse(LOG_VKEY)).withWitnesses(keys, quorum);
  }

  @Test
  void two_of_two_witnesses_accept() throws VerificationException {
    String text = checkpoint.text();
    VerifiedCheckpoint verified = requiring(2, known, knownAgain)
        .verify(cosigned(known.cosign(text, 1700000000), knownAgain.cosign(text, 1700000005)));
    assertThat(verified.cosignatures()).extracting(Cosignature::name).containsExactly("Known", "KnownAgain");
    assertThat(verified.cosignatures()).extracting(Cosignature::timestamp).containsExactly(1700000000L, 1700000005L);
  }

  @Test
  void too_few_cosignatures_fail_the_quorum() throws KeyFormatException {
    String text = checkpoint.text();
    byte[] note = cosigned(known.cosign(text, 1), known.cosign(text, 1), unknown.cosign(text, 2));
    // The duplicate line counts once, and the unknown witness not at all.
    assertThatThrownBy(() -> requiring(2, known, knownAgain).verify(note))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("witness quorum not met: need 2 of 2 witnesses, got 1 [Known]");
  }

  @Test
  void one_of_two_is_enough_for_a_quorum_of_one() throws VerificationException {
    byte[] note = cosigned(knownAgain.cosign(checkpoint.text(), 3));
    assertThat(requiring(1, known, knownAgain).verify(note).cosignatures()).hasSize(1);
  }

  @Test
  void a_bad_cosignature_by_a_named_witness_rejects_the_checkpoint() throws KeyFormatException {
    NoteSignature good = known.cosign(checkpoint.text(), 10);
    byte[] tampered = good.signature();
    tampered[0] ^= 1; // the timestamp changes, so the signature no longer covers it
    byte[] note = cosigned(NoteSignature.of(good.name(), good.keyId(), tampered));
    assertThatThrownBy(() -> requiring(1, known).verify(note))
        .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("Known+");
  }

  @Test
  void cosignatures_alone_do_not_make_a_checkpoint() throws KeyFormatException {
    String text = checkpoint.text();
    byte[] note = SignedNote.of(text, List.of(known.cosign(text, 1))).toBytes();
    assertThatThrownBy(() -> requiring(1, known).verify(note))
        .isInstanceOf(UnverifiedNoteException.class)
        .hasMessage("checkpoint is not signed by the log key example.com/log/testdata+33d7b496");
  }

  @Test
  void a_plain_note_signature_is_not_a_cosignature() throws KeyFormatException {
    // Same Ed25519 key, but type 0x01: its key ID differs, so it is just an unknown signature.
    byte[] note = cosigned(known.signNote(checkpoint.text()));
    assertThatThrownBy(() -> requiring(1, known).verify(note)).isInstanceOf(CheckpointException.class);
    assertThatThrownBy(() -> CheckpointVerifier.forLog(VerifierKey.parse(LOG_VKEY)).withWitnesses(List.of(known.noteKey()), 1))
        .isInstanceOf(KeyFormatException.class).hasMessage("key Known has type 0x01, but cosignature/v1 needs a type 0x04 key");
  }

  @Test
  void the_c2sp_cosignature_example_decodes() throws VerificationException {
    Json.Node c2sp = Vectors.json("c2sp-spec-examples.json");
    Json.Node decoded = c2sp.get("cosignature_line_example_decoded");
    String note = "a\n\n" + c2sp.get("cosignature_line_example").str() + "\n";
    NoteSignature line = SignedNote.parse(note.getBytes(java.nio.charset.StandardCharsets.UTF_8)).signatures().get(0);
    assertThat(Integer.toHexString(line.keyId())).isEqualTo(decoded.get("key_id_hex").str());
    assertThat(Cosignature.from(line).timestamp()).isEqualTo(decoded.get("timestamp").uint64());
    assertThat(Hex.encode(java.util.Arrays.copyOfRange(line.signature(), 8, 72))).isEqualTo(decoded.get("ed25519_signature_hex").str());
    String body = c2sp.get("checkpoint_example").get("note").str().split("\n\n")[0] + "\n";
    assertThat(new String(Cosignature.message(1679315147, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(c2sp.get("cosignature_v1_signed_message_example").str());
  }

  @Test
  void quorum_must_be_within_the_witness_count() {
    assertThatThrownBy(() -> requiring(3, known, knownAgain)).isInstanceOf(IllegalArgumentException.class);
  }
}
