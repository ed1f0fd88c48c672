package org.truce.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.tiles.EntryBundle;
import org.truce.verify.tiles.LogAudit;
import org.truce.verify.tiles.TileFetcher;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileLayout;
import org.truce.verify.tiles.TilePath;

/**
 * Another Truce's log fetched over HTTP at its C2SP paths, checked before it is trusted: the
 * checkpoint's signature with the key given, and every entry bundle and tile against its root.
 */
public final class RemoteLog {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_RESOURCE_BYTES = TileId.FULL_WIDTH * (2 + EntryBundle.MAX_ENTRY_SIZE);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public RemoteLog(String url) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** The verified checkpoint and the entries it covers, in order. */
    public record Verified(Checkpoint checkpoint, List<byte[]> entries) {
    }

    public Verified fetch(String verifierKey) throws Exception {
        byte[] note = get("checkpoint").orElseThrow(() -> new IOException(base + "checkpoint: the log has no checkpoint"));
        Checkpoint checkpoint = CheckpointVerifier.forLog(VerifierKey.parse(verifierKey)).verify(note).checkpoint();
        TileFetcher tiles = new TileFetcher(tile -> get(TilePath.of(tile)));
        LogAudit.audit(tiles, checkpoint);
        List<byte[]> entries = new ArrayList<>();
        for (TileId bundle : TileLayout.entryBundles(checkpoint.size())) {
            entries.addAll(tiles.entries(bundle));
        }
        return new Verified(checkpoint, entries);
    }

    private Optional<byte[]> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new IOException(request.uri() + " answered " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_RESOURCE_BYTES + 1);
                if (bytes.length > MAX_RESOURCE_BYTES) {
                    throw new IOException(request.uri() + " is larger than any tile");
                }
                return Optional.of(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
