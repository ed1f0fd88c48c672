package org.truce.log.witness;

import java.net.URI;
import java.net.URISyntaxException;
import org.truce.verify.crypto.Ed25519PublicKey;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.VerifierKey;

/**
 * A witness the log asks for cosignatures: the tlog-witness submission prefix (requests go to
 * {@code <prefix>/add-checkpoint}) and the witness's {@code cosignature/v1} verifier key.
 */
public record WitnessEndpoint(URI prefix, VerifierKey key) {
    public WitnessEndpoint {
        if (!"http".equals(prefix.getScheme()) && !"https".equals(prefix.getScheme())) {
            throw new IllegalArgumentException("witness URL must be http or https, got " + prefix);
        }
        if (key.type() != VerifierKey.TYPE_COSIGNATURE_V1) {
            throw new IllegalArgumentException("witness key " + key.name() + " is not a cosignature/v1 (type 0x04) key");
        }
        if (Ed25519PublicKey.of(key.publicKey()).isSmallOrder()) {
            throw new IllegalArgumentException("witness key " + key.name() + " is a small-order point: anyone could forge it");
        }
    }

    /**
     * Parses {@code URL=VKEY}, split at the first '=' (a vkey's base64 may end in '=', a witness
     * URL needs none), e.g. {@code http://127.0.0.1:8081/log/witness=truce.local/witness+1a2b3c4d+BA...}.
     *
     * @throws IllegalArgumentException if either part is malformed
     */
    public static WitnessEndpoint parse(String spec) {
        int equals = spec.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("a witness is URL=VKEY, got \"" + spec + "\"");
        }
        String url = spec.substring(0, equals);
        String vkey = spec.substring(equals + 1);
        try {
            return new WitnessEndpoint(new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                    VerifierKey.parse(vkey));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("witness URL is not a URL: " + e.getMessage(), e);
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("witness key: " + e.getMessage(), e);
        }
    }

    /** Returns {@code <prefix>/add-checkpoint}. */
    public URI addCheckpoint() {
        return URI.create(prefix + "/add-checkpoint");
    }

    @Override
    public String toString() {
        return prefix + "=" + key.encode();
    }
}
