package org.truce.verify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.truce.verify.tiles.EntryBundle;
import org.truce.verify.tiles.TileId;

/**
 * An HttpLogClient reads a tlog-tiles log over HTTP: {@code GET <prefix>/checkpoint}, {@code
 * <prefix>/tile/<L>/<N>[.p/<W>]} and {@code <prefix>/tile/entries/<N>[.p/<W>]}. Entry bundles may
 * be gzip-encoded by the server (tlog-tiles says they SHOULD be). Every response is size-limited,
 * so a hostile server cannot exhaust memory.
 */
final class HttpLogClient implements LogCheck.Log {
  /** A checkpoint is a few lines plus signatures; 1 MiB is far more than any real one. */
  static final int MAX_CHECKPOINT_BYTES = 1 << 20;
  /** A full bundle of maximal entries: 256 × (2 + 65535) bytes. */
  static final int MAX_TILE_BYTES = TileId.FULL_WIDTH * (2 + EntryBundle.MAX_ENTRY_SIZE);

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI prefix;
  private final HttpClient client;

  HttpLogClient(URI url) {
    String text = url.toString();
    this.prefix = URI.create(text.endsWith("/") ? text : text + "/");
    this.client = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** Returns the bytes of the latest checkpoint. */
  @Override
  public byte[] checkpoint() throws IOException {
    return get("checkpoint", MAX_CHECKPOINT_BYTES)
        .orElseThrow(() -> new IOException("GET " + prefix.resolve("checkpoint") + ": not found (HTTP 404)"));
  }

  @Override
  public Optional<byte[]> read(TileId tile) throws IOException {
    return get(tile.path(), MAX_TILE_BYTES);
  }

  private Optional<byte[]> get(String path, int maxBytes) throws IOException {
    URI uri = prefix.resolve(path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept-Encoding", "gzip").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("GET " + uri + ": interrupted", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new IOException("GET " + uri + ": HTTP " + response.statusCode());
      }
      boolean gzip = response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip");
      return Optional.of(readLimited(gzip ? new GZIPInputStream(body) : body, maxBytes, uri));
    }
  }

  private static byte[] readLimited(InputStream in, int maxBytes, URI uri) throws IOException {
    byte[] data = in.readNBytes(maxBytes + 1);
    if (data.length > maxBytes) {
      throw new IOException("GET " + uri + ": response is larger than " + maxBytes + " bytes");
    }
    return data;
  }
}
