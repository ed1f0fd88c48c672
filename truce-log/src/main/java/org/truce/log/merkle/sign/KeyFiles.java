package org.truce.log.merkle.sign;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Secret key files in the data directory: one ASCII line, created once (0600 from the start,
 * forced, moved into place without replacing anything) and never overwritten.
 */
final class KeyFiles {
    private static final System.Logger LOG = System.getLogger(KeyFiles.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyFiles() {}

    /** Returns the file's one line, without its newline. */
    static String readLine(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * Writes {@code line} and a newline as {@code file} in {@code dataDir}, unless the file exists
     * (another process created it first: theirs is kept). A crash leaves no file or a complete one.
     */
    static void createOnce(Path dataDir, Path file, String line) throws IOException {
        Files.createDirectories(dataDir);
        // 0600 from the moment the file exists, before the secret is written to it
        Path temporary = Files.createTempFile(dataDir, "." + file.getFileName() + ".", ".tmp", ownerOnly(dataDir));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer text = StandardCharsets.US_ASCII.encode(line + "\n");
                while (text.hasRemaining()) {
                    channel.write(text);
                }
                channel.force(true);
            }
            Files.move(temporary, file); // no REPLACE_EXISTING: a key that exists is never overwritten
            forceDirectory(dataDir);
        } catch (FileAlreadyExistsException e) {
            // another process created it first: use theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) throws IOException {
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class);
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    /** Makes the new name durable; without it a power loss could lose a key that already signed. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open a directory; their file systems journal the rename
            LOG.log(System.Logger.Level.DEBUG, "cannot force directory " + directory, e);
        }
    }

    static void warnIfReadableByOthers(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        if (!OWNER_ONLY.containsAll(permissions)) {
            LOG.log(System.Logger.Level.WARNING, "key file {0} has permissions {1}; it should be readable by its"
                    + " owner only (chmod 600)", file, PosixFilePermissions.toString(permissions));
        }
    }
}
