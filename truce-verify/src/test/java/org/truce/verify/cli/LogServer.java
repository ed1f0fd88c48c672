package org.truce.verify.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * LogServer serves a tlog-tiles directory over HTTP under {@code /log/}, on 127.0.0.1 and a free
 * port, as Truce mounts its log. Entry bundles can be sent gzip-encoded, as tlog-tiles recommends.
 */
final class LogServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  private final boolean gzipBundles;

  private LogServer(Path root, boolean gzipBundles) throws IOException {
    this.root = root;
    this.gzipBundles = gzipBundles;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/log/", this::handle);
    server.start();
  }

  static LogServer serve(Path root) throws IOException {
    return new LogServer(root, false);
  }

  static LogServer serveGzipped(Path root) throws IOException {
    return new LogServer(root, true);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/log";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String relative = exchange.getRequestURI().getPath().substring("/log/".length());
      Path file = root.resolve(relative).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file) || !exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      if (gzipBundles && relative.startsWith("tile/entries/")) {
        body = gzip(body);
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
