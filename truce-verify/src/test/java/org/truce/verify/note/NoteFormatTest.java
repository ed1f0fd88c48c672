package org.truce.verify.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.verify.Hex;
import org.truce.verify.VerificationException;
import org.truce.verify.testing.Json;
import org.truce.verify.testing.TestSigner;
import org.truce.verify.testing.Vectors;

/** Signed-note format rules, with the C2SP spec examples (tlog/c2sp-spec-examples.json) and the transparency-dev/formats keys. */
class NoteFormatTest {
  private static final Json.Node C2SP = Vectors.json("c2sp-spec-examples.json");
  private static final Json.Node FORMATS = Vectors.json("notes-transparency-dev-formats.json");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void the_c2sp_example_note_verifies_and_its_vkey_decodes() throws VerificationException {
    Json.Node example = C2SP.get("signed_note_verifiable_example");
    VerifierKey key = VerifierKey.parse(example.get("vkey").str());
    Json.Node decoded = example.get("vkey_decoded");
    assertThat(key.name()).isEqualTo(decoded.get("name").str());
    assertThat(KeyId.hex(key.keyId())).isEqualTo(decoded.get("key_id_hex").str());
    assertThat((int) key.type()).isEqualTo(decoded.get("type_byte").intValue());
    assertThat(Hex.encode(key.publicKey())).isEqualTo(decoded.get("ed25519_public_key_hex").str());
    VerifiedNote note = VerifiedNote.open(utf8(example.get("note").str()), List.of(new Ed25519NoteVerifier(key)));
    assertThat(note.note().text()).isEqualTo("This is an example message.\n");
    assertThat(note.isVerifiedBy("example.com/foo", key.keyId())).isTrue();
  }

  @Test
  void the_text_ends_at_the_last_blank_line() throws NoteFormatException {
    Json.Node example = C2SP.get("signed_note_text_with_blank_line_example");
    SignedNote note = SignedNote.parse(utf8(example.get("note").str()));
    assertThat(note.text()).isEqualTo(example.get("text_bytes_signed").str());
    assertThat(KeyId.hex(note.signatures().get(0).keyId())).isEqualTo(example.get("signature_key_id_hex").str());
    assertThat(note.toBytes()).isEqualTo(utf8(example.get("note").str()));
  }

  @Test
  void formats_test_keys_match_their_signer_keys() throws KeyFormatException {
    for (String name : FORMATS.get("test_keys").keys()) {
      Json.Node pair = FORMATS.get("test_keys").get(name);
      VerifierKey key = VerifierKey.parse(pair.get("vkey").str());
      assertThat(key.name()).isEqualTo(name);
      assertThat(TestSigner.fromSkey(pair.get("skey").str()).publicKey()).as(name).isEqualTo(key.publicKey());
    }
  }

  @Test
  void cosignature_vkeys_of_type_1_and_4_parse_with_matching_ids() throws KeyFormatException {
    List<Json.Node> keys = FORMATS.get("cosignature_vkeys").list();
    VerifierKey plain = VerifierKey.parse(keys.get(0).get("vkey").str());
    VerifierKey witness = VerifierKey.parse(keys.get(1).get("vkey").str());
    assertThat(plain.type()).isEqualTo(VerifierKey.TYPE_ED25519);
    assertThat(witness.type()).isEqualTo(VerifierKey.TYPE_COSIGNATURE_V1);
    assertThat(witness.encode()).isEqualTo(keys.get(1).get("vkey").str());
  }

  /**
   * Known flaw in the vectors: the ML-DSA-44 cosigner vkey from transparency-dev/formats carries
   * key ID 5893dc2c, but SHA-256(name || 0x0A || 0x06 || key)[:4] is 31236897 (upstream recomputes
   * the ID and ignores the field). We check key IDs for every type, so the vector is a negative
   * test: it is rejected for its ID. With the ID corrected it gets past that check and is then
   * rejected only because ML-DSA-44 is not a type this verifier supports.
   */
  @Test
  void the_ml_dsa_vkey_with_a_wrong_key_id_is_rejected_for_its_id() {
    Json.Node mldsa = FORMATS.get("cosignature_vkeys").list().get(2);
    String vkey = mldsa.get("vkey").str();
    assertThat(mldsa.get("key_id_matches_spec").bool()).isFalse();
    assertThatThrownBy(() -> VerifierKey.parse(vkey))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("key ID mismatch in verifier key for test: key says 5893dc2c, computed 31236897");
    String corrected = vkey.replace("+" + mldsa.get("key_id_in_vkey_hex").str() + "+", "+" + mldsa.get("key_id_by_spec_hex").str() + "+");
    assertThatThrownBy(() -> VerifierKey.parse(corrected))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("unsupported signature type 0x06 in key for test");
  }

  @Test
  void a_cosignature_blob_carries_key_id_timestamp_and_signature() throws NoteFormatException {
    Json.Node example = FORMATS.get("cosignature_timestamp_example");
    NoteSignature signature = NoteSignature.parse(NoteSignature.PREFIX + "w " + example.get("signature_base64").str());
    assertThat(KeyId.hex(signature.keyId())).isEqualTo(example.get("key_id_hex").str());
    assertThat(signature.signature()).hasSize(8 + 64);
    assertThat(ByteBuffer.wrap(signature.signature()).getLong()).isEqualTo(example.get("timestamp").uint64());
  }

  @Test
  void key_names_follow_go_white_space_rules() {
    assertThat(KeyNames.isValid("example.com/log")).isTrue();
    assertThat(KeyNames.isValid("")).isFalse();
    assertThat(KeyNames.isValid("a+b")).isFalse();
    assertThat(KeyNames.isValid("a\u00a0b")).isFalse(); // no-break space: Unicode White_Space
    assertThat(KeyNames.isValid("a\u3000b")).isFalse();
    assertThat(KeyNames.isValid("a\u001cb")).isTrue(); // not White_Space, though Java's isWhitespace says so
  }

  @Test
  void at_most_100_signature_lines_are_accepted() throws KeyFormatException, NoteFormatException {
    TestSigner signer = TestSigner.random("many", 1);
    String text = "hello\n";
    StringBuilder note = new StringBuilder(text).append('\n');
    for (int i = 0; i < 100; i++) {
      note.append(TestSigner.random("w" + i, i + 2).signNote(text).line()).append('\n');
    }
    assertThat(SignedNote.parse(utf8(note.toString())).signatures()).hasSize(100);
    note.append(signer.signNote(text).line()).append('\n');
    assertThatThrownBy(() -> SignedNote.parse(utf8(note.toString())))
        .isInstanceOf(NoteFormatException.class)
        .hasMessage("malformed note: note has 101 signature lines, at most 100 are accepted");
  }

  @Test
  void unpadded_base64_and_short_signatures_are_malformed() {
    assertThatThrownBy(() -> SignedNote.parse(utf8("t\n\n\u2014 k AAAAAAA\n")))
        .hasMessage("malformed note: signature by k is not valid base64");
    assertThatThrownBy(() -> SignedNote.parse(utf8("t\n\n\u2014 k AAAAAA==\n")))
        .hasMessage("malformed note: signature by k is 4 bytes, want at least 5");
    assertThatThrownBy(() -> SignedNote.parse(utf8("t\n\n- k AAAAAAA=\n")))
        .hasMessageStartingWith("malformed note: signature line does not start with");
  }

  @Test
  void a_second_different_signature_by_a_known_key_must_also_verify() throws VerificationException {
    TestSigner signer = TestSigner.random("k", 5);
    String text = "body\n";
    NoteSignature good = signer.signNote(text);
    byte[] bad = good.signature();
    bad[0] ^= 1;
    SignedNote note = SignedNote.of(text, List.of(good, NoteSignature.of("k", good.keyId(), bad)));
    // Go would skip the second line as a repeat of the same key; C2SP says a known key's signature
    // MUST be verified, and one that fails SHOULD reject the note.
    assertThatThrownBy(() -> VerifiedNote.verify(note, List.of(new Ed25519NoteVerifier(signer.noteKey()))))
        .isInstanceOf(InvalidSignatureException.class);
  }
}
