package org.truce.verify.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.verify.VerificationException;
import org.truce.verify.testing.Json;
import org.truce.verify.testing.TestSigner;
import org.truce.verify.testing.Vectors;

/** Go's golang.org/x/mod/sumdb/note test vectors (tlog/notes-go-sumdb.json). */
class GoSumdbNotesTest {
  private static final Json.Node VECTORS = Vectors.json("notes-go-sumdb.json");

  static Stream<Json.Node> openCases() {
    return VECTORS.get("open_cases").list().stream();
  }

  static Stream<Json.Node> vkeyCases() {
    return VECTORS.get("vkey_cases").list().stream().filter(c -> c.has("expect"));
  }

  @Test
  void signing_peters_text_reproduces_the_note_byte_for_byte() throws KeyFormatException {
    Json.Node vector = VECTORS.get("sign_vector");
    TestSigner signer = TestSigner.fromSkey(vector.get("signer_skey").str());
    String text = vector.get("text").str();
    SignedNote note = SignedNote.of(text, List.of(signer.signNote(text)));
    assertThat(new String(note.toBytes(), StandardCharsets.UTF_8)).isEqualTo(vector.get("expected_signed_note").str());
  }

  @Test
  void the_signer_keys_belong_to_the_verifier_keys() throws KeyFormatException {
    VerifierKey peter = VerifierKey.parse(VECTORS.get("keys").get("PeterNeumann").get("vkey").str());
    assertThat(TestSigner.fromSkey(VECTORS.get("keys").get("PeterNeumann").get("skey").str()).publicKey()).isEqualTo(peter.publicKey());
    VerifierKey enoch = VerifierKey.parse(VECTORS.get("keys").get("EnochRoot").get("vkey").str());
    assertThat(TestSigner.of("EnochRoot", new byte[32]).publicKey()).isEqualTo(enoch.publicKey());
    assertThat(KeyId.hex(peter.keyId())).isEqualTo("c74f20a3");
    assertThat(peter.encode()).isEqualTo(VECTORS.get("keys").get("PeterNeumann").get("vkey").str());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("openCases")
  void open_gives_the_expected_result(Json.Node c) throws KeyFormatException {
    byte[] note = Base64.getDecoder().decode(c.get("note_base64").str());
    List<NoteVerifier> verifiers = new ArrayList<>();
    for (String vkey : c.get("verifier_keys").strings()) {
      verifiers.add(new Ed25519NoteVerifier(VerifierKey.parse(vkey)));
    }
    String expect = c.get("expect").str();
    switch (expect) {
      case "ok":
        assertOpens(c, note, verifiers);
        break;
      case "error:malformed":
        assertThatThrownBy(() -> VerifiedNote.open(note, verifiers)).isInstanceOf(NoteFormatException.class);
        break;
      case "error:unverified":
        assertThatThrownBy(() -> VerifiedNote.open(note, verifiers)).isInstanceOf(UnverifiedNoteException.class);
        break;
      case "error:invalid-signature":
        assertThatThrownBy(() -> VerifiedNote.open(note, verifiers))
            .isInstanceOf(InvalidSignatureException.class).hasMessage("invalid signature by known key PeterNeumann+c74f20a3");
        break;
      default:
        throw new AssertionError("unknown expectation " + expect);
    }
  }

  private static void assertOpens(Json.Node c, byte[] note, List<NoteVerifier> verifiers) {
    VerifiedNote opened;
    try {
      opened = VerifiedNote.open(note, verifiers);
    } catch (VerificationException e) {
      throw new AssertionError(c.get("desc").str(), e);
    }
    assertThat(labels(opened.verified())).containsExactlyElementsOf(c.get("verified").strings());
    if (c.has("unverified")) {
      assertThat(labels(opened.unknown())).containsExactlyElementsOf(c.get("unverified").strings());
    } else {
      assertThat(opened.unknown()).hasSize(c.get("unverified_count").intValue());
    }
    assertThat(opened.note().text()).startsWith("If you think cryptography");
  }

  private static List<String> labels(List<NoteSignature> signatures) {
    return signatures.stream().map(NoteSignature::keyLabel).collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vkeyCases")
  void vkey_parses_or_fails_as_expected(Json.Node c) {
    String vkey = c.get("vkey").str();
    if (c.get("expect").str().equals("ok")) {
      assertThat(parses(vkey)).isTrue();
    } else {
      assertThatThrownBy(() -> VerifierKey.parse(vkey)).isInstanceOf(KeyFormatException.class);
    }
  }

  @Test
  void every_proper_substring_and_every_plus_one_mutation_of_a_vkey_is_rejected() {
    String vkey = VECTORS.get("keys").get("PeterNeumann").get("vkey").str();
    assertThat(parses(vkey)).isTrue();
    for (int start = 0; start < vkey.length(); start++) {
      for (int end = start; end <= vkey.length(); end++) {
        if (start != 0 || end != vkey.length()) {
          assertThat(parses(vkey.substring(start, end))).as("substring %d..%d", start, end).isFalse();
        }
      }
    }
    for (int i = 0; i < vkey.length(); i++) {
      String mutated = vkey.substring(0, i) + (char) (vkey.charAt(i) + 1) + vkey.substring(i + 1);
      assertThat(parses(mutated)).as("mutation at %d: %s", i, mutated).isFalse();
    }
  }

  private static boolean parses(String vkey) {
    try {
      VerifierKey.parse(vkey);
      return true;
    } catch (KeyFormatException e) {
      return false;
    }
  }
}
