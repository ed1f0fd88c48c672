package org.truce.cli.crash;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The test JVM's own class path, for the server JVMs, with the entries a build can change (class
 * folders and snapshot jars) copied once at the start of a run: a rebuild or {@code mvn install}
 * while the run goes on then cannot change the code under test from one server generation to the
 * next, nor pull a class out from under a starting server. Released jars are used in place. A
 * manifest-only jar (as Surefire forks with) is expanded to its {@code Class-Path}.
 */
final class ClassPathSnapshot {
    private ClassPathSnapshot() {
    }

    /** The entries of {@code java.class.path}, manifest-only jars expanded. */
    static List<Path> entries() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            List<Path> manifest = manifestClassPath(path);
            if (manifest.isEmpty()) {
                entries.add(path);
            } else {
                entries.addAll(manifest);
            }
        }
        return entries;
    }

    /** Copies the changeable entries under {@code into} and returns the class path string to start a JVM with. */
    static String take(Path into) {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (Path entry : entries()) {
            if (!Files.exists(entry)) {
                continue;
            }
            String name = entry.getFileName() == null ? "root" : entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                Path copy = into.resolve((n++) + "-" + name);
                copyTree(entry, copy);
                out.add(copy.toString());
            } else if (name.contains("-SNAPSHOT")) {
                Path copy = into.resolve((n++) + "-" + name);
                copyFile(entry, copy);
                out.add(copy.toString());
            } else {
                out.add(entry.toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static List<Path> manifestClassPath(Path jar) {
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null || file.stream().filter(e -> e.getName().endsWith(".class")).findAny().isPresent()) {
                return List.of();
            }
            String classPath = file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<Path> paths = new ArrayList<>();
            URI base = jar.toUri();
            for (String url : classPath.trim().split("\\s+")) {
                paths.add(Path.of(base.resolve(url)));
            }
            return paths;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    copyFile(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the class folder " + from, e);
        }
    }

    private static void copyFile(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.NoSuchFileException e) {
            // a class file removed by a concurrent rebuild: the server JVM would not have had it either
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }
}
