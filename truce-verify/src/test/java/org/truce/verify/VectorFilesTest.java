package org.truce.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.testing.Vectors;

/** The copied vectors are the published bytes: every file listed in SHA256SUMS is present and unchanged. */
class VectorFilesTest {
  @Test
  void every_vector_file_matches_its_checksum() throws Exception {
    Path root = Vectors.directory("");
    List<String> lines = Files.readAllLines(root.resolve("SHA256SUMS"));
    assertThat(lines).hasSize(256);
    for (String line : lines) {
      String expected = line.substring(0, 64);
      String file = line.substring(66);
      assertThat(Hex.encode(Hashes.newSha256().digest(Files.readAllBytes(root.resolve(file))))).as(file).isEqualTo(expected);
    }
    assertThat(root.resolve("LICENSES/Apache-2.0.txt")).exists();
  }
}
