package org.truce.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.truce.log.file.TestEntries.numbered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.LogUnavailableException;
import org.truce.log.RecordLog;
import org.truce.log.io.DirectoryLock;

class DirectoryLockTest {
    @TempDir
    Path directory;

    @Test
    void aSecondOpenOfTheSameDirectoryFailsWhileTheFirstIsOpen() {
        try (RecordLog first = FileRecordLog.open(directory)) {
            first.append(numbered(0));
            assertThatThrownBy(() -> FileRecordLog.open(directory))
                    .isInstanceOf(LogUnavailableException.class)
                    .hasMessageContaining(directory.toAbsolutePath().toString())
                    .hasMessageContaining("already open");
            assertThat(first.append(numbered(1))).as("the first stays usable").isEqualTo(1);
        }
        try (RecordLog again = FileRecordLog.open(directory)) {
            assertThat(again.size()).isEqualTo(2);
        }
    }

    @Test
    void aFailedOpenReleasesTheLock() throws IOException {
        Files.createDirectories(directory);
        Files.writeString(SegmentLayout.segment(directory), "not a log");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> FileRecordLog.open(directory)).isInstanceOf(LogCorruptedException.class);
        }
        Files.delete(SegmentLayout.segment(directory));
        try (RecordLog log = FileRecordLog.open(directory)) {
            assertThat(log.size()).isZero();
        }
    }

    @Test
    void openCreatesMissingDirectories() {
        Path nested = directory.resolve("a/b/log");
        try (RecordLog log = FileRecordLog.open(nested)) {
            log.append(numbered(0));
        }
        assertThat(SegmentLayout.segment(nested)).exists();
        assertThat(nested.resolve(DirectoryLock.FILE_NAME)).exists();
    }
}
