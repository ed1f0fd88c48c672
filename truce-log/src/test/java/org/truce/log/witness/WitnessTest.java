package org.truce.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.sign.WitnessKeys;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.checkpoint.VerifiedCheckpoint;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.MerkleTree;
import org.truce.verify.merkle.ProofBuilder;
import org.truce.verify.note.VerifierKey;

/** The tlog-witness add-checkpoint checks, against checkpoints of an in-memory tree. */
class WitnessTest {
    private static final String ORIGIN = "truce.example/log/a";
    private static final long NOW = 1_790_000_000L;

    @TempDir
    Path temp;

    private final SigningKeys log = SigningKeys.generate(ORIGIN);
    private final WitnessKeys keys = WitnessKeys.generate("truce.example/witness/b");
    private final List<byte[]> leaves = new ArrayList<>();
    private Witness witness;

    @BeforeEach
    void setUp() throws Exception {
        for (int i = 0; i < 20; i++) {
            leaves.add(Hashes.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        witness = open();
    }

    private Witness open() throws Exception {
        return new Witness(keys, temp.resolve("witness"), List.of(VerifierKey.parse(log.verifierKey())),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    }

    private byte[] root(long size) {
        return MerkleTree.root(leaves.subList(0, (int) size));
    }

    private byte[] checkpoint(SigningKeys signer, long size) {
        return signer.signer().sign(size, root(size));
    }

    private List<byte[]> proof(long from, long to) {
        return from == 0 ? List.of() : ProofBuilder.consistency(from, to, (s, e) -> MerkleTree.root(leaves.subList((int) s, (int) e)));
    }

    private static byte[] request(long old, List<byte[]> proof, byte[] note) {
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        proof.forEach(h -> body.append(Base64.getEncoder().encodeToString(h)).append('\n'));
        body.append('\n').append(new String(note, StandardCharsets.UTF_8));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String add(long old, long size) throws WitnessException {
        return witness.addCheckpoint(request(old, proof(old, size), checkpoint(log, size)));
    }

    private VerifiedCheckpoint cosigned(byte[] note, String lines) throws Exception {
        byte[] all = (new String(note, StandardCharsets.UTF_8) + lines).getBytes(StandardCharsets.UTF_8);
        return CheckpointVerifier.forLog(VerifierKey.parse(log.verifierKey()))
                .withWitnesses(List.of(VerifierKey.parse(keys.verifierKey())), 1).verify(all);
    }

    private WitnessException refusal(byte[] request) {
        try {
            witness.addCheckpoint(request);
        } catch (WitnessException e) {
            return e;
        }
        throw new AssertionError("the witness cosigned");
    }

    @Test
    void cosignsACheckpointFromScratchAndThenItsGrowth() throws Exception {
        String first = add(0, 5);
        assertThat(first).startsWith("\u2014 truce.example/witness/b ").endsWith("\n");
        VerifiedCheckpoint verified = cosigned(checkpoint(log, 5), first);
        assertThat(verified.cosignatures()).singleElement().satisfies(c -> assertThat(c.timestamp()).isEqualTo(NOW));

        cosigned(checkpoint(log, 13), add(5, 13));
        cosigned(checkpoint(log, 13), add(13, 13)); // the same tree again
        assertThat(open().latest(ORIGIN)).hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(13)); // durable
    }

    @Test
    void refusesACheckpointSignedByAnUnknownKey() throws Exception {
        SigningKeys impostor = SigningKeys.generate(ORIGIN); // same origin, another key
        WitnessException forged = refusal(request(0, List.of(), checkpoint(impostor, 5)));
        assertThat(forged.reason()).isEqualTo(WitnessException.Reason.FORBIDDEN);

        WitnessException other = refusal(request(0, List.of(), checkpoint(SigningKeys.generate("truce.example/log/c"), 5)));
        assertThat(other.reason()).isEqualTo(WitnessException.Reason.UNKNOWN_LOG);
        assertThat(other.reason().status()).isEqualTo(404);
        assertThat(witness.latest(ORIGIN)).isEmpty();
    }

    @Test
    void refusesAnOldSizeThatIsNotTheStoredOneAndSaysWhichIs() throws Exception {
        add(0, 5);
        WitnessException fromZero = refusal(request(0, List.of(), checkpoint(log, 9)));
        assertThat(fromZero.reason()).isEqualTo(WitnessException.Reason.CONFLICT);
        assertThat(fromZero.storedSize()).hasValue(5);
        WitnessException fromThree = refusal(request(3, proof(3, 9), checkpoint(log, 9)));
        assertThat(fromThree.reason().status()).isEqualTo(409);
        assertThat(fromThree.storedSize()).hasValue(5);
        add(5, 9); // the client retries from the size it was given
    }

    @Test
    void refusesABadConsistencyProof() throws Exception {
        add(0, 6);
        List<byte[]> tampered = new ArrayList<>(proof(6, 11));
        byte[] hash = tampered.get(0).clone();
        hash[0] ^= 1;
        tampered.set(0, hash);
        assertThat(refusal(request(6, tampered, checkpoint(log, 11))).reason()).isEqualTo(WitnessException.Reason.UNPROCESSABLE);
        assertThat(refusal(request(6, tampered.subList(1, tampered.size()), checkpoint(log, 11))).reason())
                .isEqualTo(WitnessException.Reason.UNPROCESSABLE);
        assertThat(refusal(request(0, List.of(), checkpoint(log, 3))).reason()).isEqualTo(WitnessException.Reason.CONFLICT);

        // a log that signs a tree that does not extend the one it showed before: a fork
        List<byte[]> forkLeaves = new ArrayList<>(leaves);
        forkLeaves.set(2, Hashes.leafHash("rewritten".getBytes(StandardCharsets.UTF_8)));
        byte[] forkRoot = MerkleTree.root(forkLeaves.subList(0, 11));
        List<byte[]> forkProof = ProofBuilder.consistency(6, 11, (s, e) -> MerkleTree.root(forkLeaves.subList((int) s, (int) e)));
        assertThat(refusal(request(6, forkProof, log.signer().sign(11, forkRoot))).reason())
                .isEqualTo(WitnessException.Reason.UNPROCESSABLE);
        assertThat(refusal(request(6, List.of(), log.signer().sign(6, forkRoot))).reason())
                .isEqualTo(WitnessException.Reason.UNPROCESSABLE);
        assertThat(witness.latest(ORIGIN)).hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(6));
    }

    @Test
    void refusesARollback() throws Exception {
        add(0, 12);
        WitnessException smaller = refusal(request(12, List.of(), checkpoint(log, 7)));
        assertThat(smaller.reason()).isEqualTo(WitnessException.Reason.BAD_REQUEST);
        WitnessException fromSmaller = refusal(request(7, List.of(), checkpoint(log, 7)));
        assertThat(fromSmaller.reason()).isEqualTo(WitnessException.Reason.CONFLICT);
        assertThat(fromSmaller.storedSize()).hasValue(12);
        assertThat(open().latest(ORIGIN)).hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(12));
    }

    @Test
    void refusesMalformedRequests() throws Exception {
        byte[] note = checkpoint(log, 4);
        String text = new String(note, StandardCharsets.UTF_8);
        assertThat(refusal(text.getBytes(StandardCharsets.UTF_8)).reason()).isEqualTo(WitnessException.Reason.BAD_REQUEST);
        assertThat(refusal(("old 00\n\n" + text).getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo(WitnessException.Reason.BAD_REQUEST);
        assertThat(refusal(("old 0\nnot-base64\n\n" + text).getBytes(StandardCharsets.UTF_8)).getMessage())
                .contains("line 1 is not base64");
        assertThat(refusal(("old 0\n\n" + text.replace("\n\n", "\n")).getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo(WitnessException.Reason.BAD_REQUEST);
        assertThat(refusal(request(0, List.of(leaves.get(0)), note)).reason()).isEqualTo(WitnessException.Reason.UNPROCESSABLE);
        assertThatThrownBy(() -> witness.addCheckpoint(request(0, List.of(), log.signer().sign(0, leaves.get(0)))))
                .isInstanceOfSatisfying(WitnessException.class,
                        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.UNPROCESSABLE));
        assertThat(witness.addCheckpoint(request(0, List.of(), log.signer().sign(0, Hashes.emptyRoot())))).isNotEmpty();
    }
}
