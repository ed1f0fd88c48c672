package org.truce.log.merkle.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.verify.checkpoint.Cosignature;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.VerifierKey;

class WitnessKeysTest {
    @TempDir
    Path dataDir;

    @Test
    void theKeyIsMadeOnceKeptPrivateAndItsCosignaturesVerify() throws Exception {
        WitnessKeys created = WitnessKeys.loadOrCreate(dataDir, "truce.example/witness");
        Path file = dataDir.resolve(WitnessKeys.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("PRIVATE+KEY+truce.example/witness+");
        WitnessKeys loaded = WitnessKeys.loadOrCreate(dataDir, "truce.example/witness");
        assertThat(loaded.verifierKey()).isEqualTo(created.verifierKey());
        assertThat(Files.exists(dataDir.resolve(SigningKeys.FILE_NAME))).isFalse();

        VerifierKey key = VerifierKey.parse(loaded.verifierKey());
        assertThat(key.type()).isEqualTo(VerifierKey.TYPE_COSIGNATURE_V1);
        byte[] text = "truce.example/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".getBytes(StandardCharsets.UTF_8);
        NoteSignature signature = created.cosign(text, 1_790_000_000L);
        assertThat(signature.keyId()).isEqualTo(key.keyId());
        assertThat(signature.signature()).hasSize(Cosignature.SIGNATURE_SIZE);
        assertThat(Cosignature.verifier(key).verify(text, signature.signature())).isTrue();

        assertThatThrownBy(() -> WitnessKeys.loadOrCreate(dataDir, "truce.example/other"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truce.example/witness");
        assertThatThrownBy(() -> WitnessKeys.parse(SigningKeys.generate("truce.example/log").encode()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("0x04");
    }
}
