package org.truce.log.merkle.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.note.VerifierKey;

/** Signed checkpoints, byte for byte, and as truce-verify reads them. */
class CheckpointSignerTest {
    /** Tessera's test-only log key and a checkpoint it signed (transparency-dev/tessera testdata/log). */
    private static final String TESSERA_SIGNER_KEY =
            "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";
    private static final String TESSERA_CHECKPOINT_15 = """
            example.com/log/testdata
            15
            rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=

            \u2014 example.com/log/testdata M9e0luh4jTG+UMBqOUo9/q+yAEvx1ilBEniMvjf1zfcBOhg+CKubMt53MvIt/uEWP6zdkdIQzd/fmwlM/dlPWF74ewI=
            """;

    @Test
    void signingTesserasTreeWithTesserasKeyReproducesItsCheckpointByteForByte() {
        CheckpointSigner signer = SigningKeys.parse(TESSERA_SIGNER_KEY).signer();
        byte[] root = Base64.getDecoder().decode("rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=");
        assertThat(new String(signer.sign(15, root), StandardCharsets.UTF_8)).isEqualTo(TESSERA_CHECKPOINT_15);
        assertThat(signer.verifierKey()).isEqualTo("example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx");
    }

    @Test
    void notesHaveTheC2spShapeAndVerifyWithTheVerifierKey() throws Exception {
        CheckpointSigner signer = SigningKeys.generate("truce.example/log").signer();
        byte[] note = signer.sign(0, Hashes.emptyRoot());
        String text = new String(note, StandardCharsets.UTF_8);
        assertThat(text).matches("truce\\.example/log\n0\n47DEQpj8HBSa\\+/TImW\\+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n"
                + "\u2014 truce\\.example/log [A-Za-z0-9+/]{91}=\n");
        byte[] signatureBlob = Base64.getDecoder().decode(text.substring(text.lastIndexOf(' ') + 1).strip());
        assertThat(signatureBlob).hasSize(4 + 64);
        assertThat(java.nio.ByteBuffer.wrap(signatureBlob).getInt()).isEqualTo(signer.keyId());
        Checkpoint verified = CheckpointVerifier.forLog(VerifierKey.parse(signer.verifierKey())).verify(note).checkpoint();
        assertThat(verified.size()).isZero();
        assertThat(verified.origin()).isEqualTo("truce.example/log");
    }
}
