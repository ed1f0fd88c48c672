package org.truce.cli.crash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.merkle.ConsistencyProof;
import org.truce.verify.note.VerifierKey;

/**
 * Every checkpoint a kill run saw, in the order it saw them, checked as it goes: each note verifies
 * with the log's key; sizes never shrink; one size never has two roots; each checkpoint larger than
 * the one before comes with a consistency proof from it, verified with truce-verify. At the end
 * {@link #verifyAllAgainst} proves every distinct earlier tree consistent with the final one.
 */
final class CheckpointHistory {
    /** Fetches {@code GET /api/v1/log/proof/consistency?from=&to=} from the server that served the newer checkpoint. */
    interface ProofSource {
        List<byte[]> consistency(long from, long to) throws Exception;
    }

    /** One observed checkpoint: when (which server generation), its size and root. */
    record Seen(int generation, long size, byte[] root, String note) {
        String describe() {
            return "size " + size + " root " + Base64.getEncoder().encodeToString(root) + " (from server generation " + generation + ")";
        }
    }

    private final String verifierKey;
    private final CheckpointVerifier verifier;
    private final List<Seen> seen = new ArrayList<>();
    private final Map<Long, Seen> bySize = new TreeMap<>();
    private final List<String> problems;
    private long provenPairs;
    private long deferredPairs;

    CheckpointHistory(String verifierKey, List<String> problems) {
        this.verifierKey = verifierKey;
        this.problems = problems;
        try {
            this.verifier = CheckpointVerifier.forLog(VerifierKey.parse(verifierKey));
        } catch (Exception e) {
            throw new IllegalArgumentException("the log's verifier key does not parse: " + verifierKey, e);
        }
    }

    String verifierKey() {
        return verifierKey;
    }

    /**
     * Checks one checkpoint note served by server {@code generation} and adds it. Returns it, or
     * null (and records a problem) if it does not verify.
     */
    synchronized Seen observe(int generation, byte[] note, ProofSource proofs) {
        Checkpoint checkpoint;
        try {
            checkpoint = verifier.verify(note).checkpoint();
        } catch (Exception e) {
            problem("a checkpoint from server generation " + generation + " does not verify with the log's key "
                    + verifierKey + ": " + e + "\n" + new String(note, java.nio.charset.StandardCharsets.UTF_8));
            return null;
        }
        Seen now = new Seen(generation, checkpoint.size(), checkpoint.rootHash(), new String(note, java.nio.charset.StandardCharsets.UTF_8));
        Seen last = seen.isEmpty() ? null : seen.get(seen.size() - 1);
        Seen same = bySize.get(now.size());
        if (same != null && !Arrays.equals(same.root(), now.root())) {
            problem("two roots for one size: " + same.describe() + " and then " + now.describe());
        }
        if (last != null && now.size() < last.size()) {
            problem("the log shrank: " + last.describe() + " was followed by " + now.describe());
        }
        if (last != null && now.size() > last.size() && last.size() > 0) {
            try {
                ConsistencyProof.verify(last.size(), now.size(), last.root(), now.root(), proofs.consistency(last.size(), now.size()));
                provenPairs++;
            } catch (java.io.IOException e) {
                deferredPairs++; // the server was killed meanwhile: verifyAllAgainst covers this pair
            } catch (Exception e) {
                problem("no valid consistency proof from " + last.describe() + " to " + now.describe() + ": " + e);
            }
        }
        seen.add(now);
        bySize.putIfAbsent(now.size(), now);
        return now;
    }

    /** The largest checkpoint seen, or null. */
    synchronized Seen latest() {
        return bySize.isEmpty() ? null : ((TreeMap<Long, Seen>) bySize).lastEntry().getValue();
    }

    synchronized int count() {
        return seen.size();
    }

    synchronized int distinctSizes() {
        return bySize.size();
    }

    synchronized long provenPairs() {
        return provenPairs;
    }

    synchronized long deferredPairs() {
        return deferredPairs;
    }

    /**
     * Proves every distinct earlier tree consistent with {@code last} (a checkpoint of the running
     * server, whose proofs {@code proofs} serves). Returns how many proofs were verified.
     */
    int verifyAllAgainst(Seen last, ProofSource proofs) {
        List<Seen> earlier;
        synchronized (this) {
            earlier = new ArrayList<>(bySize.values());
        }
        int verified = 0;
        for (Seen s : earlier) {
            if (s.size() == 0 || s.size() >= last.size()) {
                continue;
            }
            try {
                ConsistencyProof.verify(s.size(), last.size(), s.root(), last.root(), proofs.consistency(s.size(), last.size()));
                verified++;
            } catch (Exception e) {
                problem("no valid consistency proof from " + s.describe() + " to the final " + last.describe() + ": " + e);
            }
        }
        return verified;
    }

    private void problem(String text) {
        synchronized (problems) {
            problems.add(text);
        }
    }
}
