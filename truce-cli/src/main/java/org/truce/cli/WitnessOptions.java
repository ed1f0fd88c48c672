package org.truce.cli;

import java.util.ArrayList;
import java.util.List;
import org.truce.log.merkle.sign.WitnessKeys;
import org.truce.log.witness.WitnessEndpoint;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.VerifierKey;
import picocli.CommandLine.Option;

/**
 * Witnessing, both ways: the logs this node witnesses ({@code --witness-for}, which makes it a
 * C2SP tlog-witness at {@code /log/witness/add-checkpoint}) and the witnesses that cosign this
 * node's own checkpoints ({@code --witness}).
 */
public final class WitnessOptions {
    @Option(names = "--witness-for", paramLabel = "VKEY", description = "witness the log with this Ed25519 verifier key "
            + "(<origin>+<key id>+<base64>, as the log serves at /log/key); repeat for each log. Makes this node a "
            + "tlog-witness at /log/witness/add-checkpoint, cosigning with a key kept in the data folder")
    List<String> witnessFor = new ArrayList<>();

    @Option(names = "--witness-name", paramLabel = "NAME", defaultValue = WitnessKeys.DEFAULT_NAME,
            description = "the name of this node's witness key, a schemeless URL (default: ${DEFAULT-VALUE})")
    String witnessName = WitnessKeys.DEFAULT_NAME;

    @Option(names = "--witness", paramLabel = "URL=VKEY", description = "ask the witness whose add-checkpoint prefix is URL "
            + "(e.g. http://host:8080/log/witness) and whose cosignature/v1 key is VKEY to cosign each checkpoint; "
            + "repeat for each witness")
    List<String> witnesses = new ArrayList<>();

    /** Returns the witnessed logs' keys. */
    public List<VerifierKey> witnessedLogs() {
        List<VerifierKey> keys = new ArrayList<>();
        for (String vkey : witnessFor) {
            try {
                VerifierKey key = VerifierKey.parse(vkey);
                if (key.type() != VerifierKey.TYPE_ED25519) {
                    throw new IllegalArgumentException("--witness-for " + key.name() + ": not an Ed25519 (0x01) log key");
                }
                keys.add(key);
            } catch (KeyFormatException e) {
                throw new IllegalArgumentException("--witness-for: " + e.getMessage(), e);
            }
        }
        return keys;
    }

    public String witnessName() {
        return witnessName;
    }

    /** Returns the witnesses of this node's log. */
    public List<WitnessEndpoint> witnesses() {
        List<WitnessEndpoint> endpoints = new ArrayList<>();
        for (String spec : witnesses) {
            try {
                endpoints.add(WitnessEndpoint.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--witness " + spec + ": " + e.getMessage(), e);
            }
        }
        return endpoints;
    }

    /** Returns options that witness {@code logs} and ask {@code witnesses} (URL=VKEY), as tests and embedders build them. */
    public static WitnessOptions of(List<String> logs, List<String> witnesses) {
        WitnessOptions options = new WitnessOptions();
        options.witnessFor = new ArrayList<>(logs);
        options.witnesses = new ArrayList<>(witnesses);
        return options;
    }
}
