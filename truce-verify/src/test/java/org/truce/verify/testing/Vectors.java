package org.truce.verify.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Vectors loads the test vectors copied into {@code src/test/resources/tlog/} (see the README
 * there): always from the test classpath, never from outside the module.
 */
public final class Vectors {
  private Vectors() {}

  /** Returns the bytes of {@code tlog/<name>}. */
  public static byte[] bytes(String name) {
    try (InputStream in = Vectors.class.getClassLoader().getResourceAsStream("tlog/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test vector tlog/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  public static Json.Node json(String name) {
    return Json.parse(text(name));
  }

  /** Returns the directory {@code tlog/<name>} on the test classpath. */
  public static Path directory(String name) {
    URL url = Vectors.class.getClassLoader().getResource("tlog/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test vector directory tlog/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the {@code .json} files under {@code tlog/<name>}, relative to it, sorted. */
  public static List<String> jsonFiles(String name) {
    Path root = directory(name);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".json"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
