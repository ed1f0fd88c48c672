package org.truce.log.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadChannelsTest {
    @TempDir
    Path directory;

    private List<Path> files(int count) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[100 + i];
            bytes[0] = (byte) i;
            files.add(Files.write(directory.resolve("f" + i), bytes));
        }
        return files;
    }

    @Test
    void readsWholeFilesAndFindsAFileThatWasMissingBefore() throws Exception {
        try (ReadChannels channels = new ReadChannels(2)) {
            Path file = directory.resolve("later");
            assertThat(channels.read(file)).isEmpty();
            Files.write(file, new byte[] {1, 2, 3});
            assertThat(channels.read(file)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
            Files.write(directory.resolve("empty"), new byte[0]);
            assertThat(channels.read(directory.resolve("empty"))).hasValueSatisfying(b -> assertThat(b).isEmpty());
        }
    }

    @Test
    void manyThreadsReadingMoreFilesThanAreKeptOpenAllGetTheirBytes() throws Exception {
        List<Path> files = files(40);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (ReadChannels channels = new ReadChannels(5)) {
            List<Future<?>> reads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                reads.add(threads.submit(() -> {
                    for (int n = 0; n < 2_000; n++) {
                        int i = (n * 7 + seed * 13) % files.size();
                        byte[] bytes = channels.read(files.get(i)).orElseThrow();
                        assertThat(bytes).hasSize(100 + i);
                        assertThat(bytes[0]).isEqualTo((byte) i);
                    }
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anInterruptedReaderDoesNotBreakTheFileForOthers() throws Exception {
        List<Path> files = files(1);
        try (ReadChannels channels = new ReadChannels(4)) {
            assertThat(channels.read(files.get(0))).isPresent();
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> channels.read(files.get(0))).isInstanceOf(ClosedByInterruptException.class);
            } finally {
                Thread.interrupted();
            }
            assertThat(channels.read(files.get(0))).hasValueSatisfying(b -> assertThat(b).hasSize(100));
        }
    }

    @Test
    void aClosedSetRefusesReads() throws Exception {
        List<Path> files = files(1);
        ReadChannels channels = new ReadChannels(4);
        channels.read(files.get(0));
        channels.close();
        channels.close();
        assertThatThrownBy(() -> channels.read(files.get(0))).isInstanceOf(IllegalStateException.class);
    }
}
