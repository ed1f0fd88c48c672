package org.truce.log.merkle.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.verify.note.VerifierKey;

/** The key file: created once, in Go's signer-key format, 0600, and refused when it does not fit. */
class SigningKeysTest {
    /** Go's note test key (golang.org/x/mod/sumdb/note), with its published verifier key. */
    private static final String GO_SIGNER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartCreatesAKeyFileThatLaterStartsLoad() throws Exception {
        SigningKeys created = SigningKeys.loadOrCreate(dataDir, "truce.example/log/2026");
        Path file = dataDir.resolve(SigningKeys.FILE_NAME);
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(text).matches("PRIVATE\\+KEY\\+truce\\.example/log/2026\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        SigningKeys loaded = SigningKeys.loadOrCreate(dataDir, "truce.example/log/2026");
        assertThat(loaded.verifierKey()).isEqualTo(created.verifierKey());
        assertThat(text).contains("+" + created.verifierKey().split("\\+")[1] + "+");
        try (var entries = Files.list(dataDir)) {
            assertThat(entries).containsExactly(file); // no temporary file left
        }
    }

    @Test
    void theVerifierKeyIsAcceptedByTruceVerify() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dataDir);
        VerifierKey parsed = VerifierKey.parse(keys.verifierKey());
        assertThat(parsed.name()).isEqualTo(SigningKeys.DEFAULT_ORIGIN).isEqualTo(keys.origin());
        assertThat(parsed.type()).isEqualTo(VerifierKey.TYPE_ED25519);
        assertThat(parsed.encode()).isEqualTo(keys.verifierKey());
    }

    @Test
    void goSignerKeysAreReadAndGiveGosVerifierKey() {
        SigningKeys keys = SigningKeys.parse(GO_SIGNER_KEY);
        assertThat(keys.verifierKey()).isEqualTo(GO_VERIFIER_KEY);
        assertThat(keys.encode()).isEqualTo(GO_SIGNER_KEY);
    }

    @Test
    void aKeyFileOfAnotherOriginIsRefused() {
        SigningKeys.loadOrCreate(dataDir, "truce.example/a");
        assertThatThrownBy(() -> SigningKeys.loadOrCreate(dataDir, "truce.example/b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("truce.example/a").hasMessageContaining("never changes");
    }

    @Test
    void malformedKeyFilesAndKeyIdsThatDoNotMatchAreRefused() throws Exception {
        Path file = dataDir.resolve(SigningKeys.FILE_NAME);
        Files.writeString(file, "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n");
        assertThatThrownBy(() -> SigningKeys.loadOrCreate(dataDir, "PeterNeumann"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("says key ID c74f20a4");
        Files.writeString(file, "garbage\n");
        assertThatThrownBy(() -> SigningKeys.loadOrCreate(dataDir, "PeterNeumann"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a signer key");
        Files.writeString(file, "PRIVATE+KEY+PeterNeumann+c74f20a3+AgEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n");
        assertThatThrownBy(() -> SigningKeys.loadOrCreate(dataDir, "PeterNeumann"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an Ed25519");
    }

    @Test
    void originsThatCannotBeKeyNamesAreRefused() {
        assertThatThrownBy(() -> SigningKeys.loadOrCreate(dataDir, "truce example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKeys.generate("a+b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKeys.generate("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(dataDir.resolve(SigningKeys.FILE_NAME)).doesNotExist();
    }

    @Test
    void toStringNeverShowsTheSeed() {
        SigningKeys keys = SigningKeys.parse(GO_SIGNER_KEY);
        assertThat(keys.toString()).doesNotContain("AYEKFALV").contains(GO_VERIFIER_KEY);
    }
}
