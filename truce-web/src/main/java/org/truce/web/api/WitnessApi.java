package org.truce.web.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.truce.domain.problem.Problem;
import org.truce.log.witness.Witness;
import org.truce.log.witness.WitnessException;
import org.truce.web.http.Bodies;
import org.truce.web.http.HttpProblem;

/**
 * This node as a c2sp.org/tlog-witness witness of other logs: {@code POST
 * /log/witness/add-checkpoint} and its cosignature/v1 verifier key. Both answer 404 on a node that
 * witnesses no log.
 */
public final class WitnessApi {
    /** Far more than a request can need: 63 proof lines and a checkpoint with 100 signatures. */
    private static final long MAX_REQUEST_BYTES = 64 * 1024;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Optional<Witness> witness;

    public WitnessApi(Optional<Witness> witness) {
        this.witness = witness;
    }

    public void key(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType(TEXT).result(witness().verifierKey() + "\n");
    }

    public void addCheckpoint(Context ctx) {
        Witness w = witness();
        byte[] body = Bodies.bounded(ctx, MAX_REQUEST_BYTES);
        try {
            ctx.status(200).contentType(TEXT).result(w.addCheckpoint(body));
        } catch (WitnessException e) {
            if (e.reason() == WitnessException.Reason.CONFLICT) {
                // tlog-witness: the witness's size, so that the log can send a proof from it
                ctx.status(409).contentType("text/x.tlog.size").result(e.storedSize().orElseThrow() + "\n");
                return;
            }
            throw new HttpProblem(e.reason().status(), title(e.reason()), e.getMessage(),
                    List.of(new Problem("(body)", e.getMessage())));
        }
    }

    private static String title(WitnessException.Reason reason) {
        return switch (reason) {
            case BAD_REQUEST -> "Bad request";
            case FORBIDDEN -> "Checkpoint not signed by the log";
            case UNKNOWN_LOG -> "Unknown log";
            case CONFLICT -> "Old size mismatch";
            case UNPROCESSABLE -> "Checkpoint not consistent";
        };
    }

    private Witness witness() {
        return witness.orElseThrow(() -> HttpProblem.notFound("this node witnesses no log"));
    }
}
