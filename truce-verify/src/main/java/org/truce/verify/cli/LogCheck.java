package org.truce.verify.cli;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.truce.verify.Base64Strict;
import org.truce.verify.VerificationException;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.checkpoint.VerifiedCheckpoint;
import org.truce.verify.crypto.Ed25519PublicKey;
import org.truce.verify.merkle.ConsistencyProof;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.ProofBuilder;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.tiles.LogAudit;
import org.truce.verify.tiles.TileFetcher;
import org.truce.verify.tiles.TileSource;
import org.truce.verify.tiles.TileTree;

/**
 * LogCheck is one run of the verifier against one log: verify the checkpoint, audit every entry
 * and tile, check consistency with the saved checkpoint, save the new one. Nothing is saved
 * unless every check passed.
 */
final class LogCheck {
  /** Where the checkpoint and tiles come from: the HTTP client, or anything else in tests. */
  interface Log extends TileSource {
    byte[] checkpoint() throws IOException;
  }

  private final CheckpointVerifier verifier;
  private final CheckpointVerifier stateVerifier;
  private final int witnessCount;
  private final String origin;

  private LogCheck(CheckpointVerifier verifier, CheckpointVerifier stateVerifier, int witnessCount, String origin) {
    this.verifier = verifier;
    this.origin = origin;
    this.stateVerifier = stateVerifier;
    this.witnessCount = witnessCount;
  }

  /** Builds the check from the command line's keys; key problems are usage errors. */
  static LogCheck from(Arguments arguments) throws CliFailure {
    VerifierKey logKey = usableKey(arguments.logKey(), "--key");
    List<VerifierKey> witnesses = new ArrayList<>();
    for (String witness : arguments.witnessKeys()) {
      witnesses.add(usableKey(witness, "--witness"));
    }
    int quorum = arguments.quorum().orElse(witnesses.size());
    if (quorum > witnesses.size()) {
      throw new CliFailure(ExitCode.USAGE,
          "--quorum " + quorum + " is more than the " + witnesses.size() + " witnesses given");
    }
    String origin = arguments.origin().orElse(logKey.name());
    try {
      CheckpointVerifier base = CheckpointVerifier.forLog(logKey).withOrigin(origin);
      // The saved checkpoint is re-checked against the log key only: the witness list may change between runs.
      return new LogCheck(base.withWitnesses(witnesses, quorum), base, witnesses.size(), origin);
    } catch (KeyFormatException e) {
      throw new CliFailure(ExitCode.USAGE, e.getMessage(), e);
    }
  }

  private static VerifierKey usableKey(String vkey, String option) throws CliFailure {
    try {
      VerifierKey key = VerifierKey.parse(vkey);
      if (Ed25519PublicKey.of(key.publicKey()).isSmallOrder()) {
        throw new CliFailure(ExitCode.USAGE,
            option + " " + key.name() + " is a small-order point: anyone can forge its signatures");
      }
      return key;
    } catch (KeyFormatException e) {
      throw new CliFailure(ExitCode.USAGE, option + ": " + e.getMessage(), e);
    }
  }

  /** Returns the origin the checkpoint must have, which also names the default state file. */
  String origin() {
    return origin;
  }

  /** Runs every check and returns the one-line summary. */
  String run(Log log, StateFile state) throws CliFailure {
    byte[] note = io("fetch the checkpoint", log::checkpoint);
    VerifiedCheckpoint current = verified(() -> verifier.verify(note));
    Optional<VerifiedCheckpoint> previous = loadPrevious(state);
    Checkpoint checkpoint = current.checkpoint();
    if (previous.isPresent() && previous.get().checkpoint().size() > checkpoint.size()) {
      throw new CliFailure(ExitCode.INCONSISTENT, String.format(
          "log has shrunk: saved checkpoint has size %d, new checkpoint has size %d",
          previous.get().checkpoint().size(), checkpoint.size()));
    }
    TileFetcher tiles = new TileFetcher(log);
    LogAudit.Result audit = audited(tiles, checkpoint);
    String consistency = previous.isPresent()
        ? checkConsistency(previous.get().checkpoint(), checkpoint, audit.tree())
        : "no saved checkpoint";
    io("save the state file " + state.path(), () -> {
      state.save(note);
      return null;
    });
    return String.format(
        "OK %s: size %d, root %s; %d entries verified (%d resources read); %s; %d of %d witnesses cosigned",
        checkpoint.origin(), checkpoint.size(), Base64Strict.encode(checkpoint.rootHash()), checkpoint.size(),
        audit.resourcesRead(), consistency, current.cosignatures().size(), witnessCount);
  }

  private LogAudit.Result audited(TileFetcher tiles, Checkpoint checkpoint) throws CliFailure {
    try {
      return LogAudit.audit(tiles, checkpoint);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.IO_ERROR, "could not read the log: " + e.getMessage(), e);
    } catch (VerificationException e) {
      throw new CliFailure(ExitCode.VERIFICATION_FAILED, e.getMessage(), e);
    }
  }

  private Optional<VerifiedCheckpoint> loadPrevious(StateFile state) throws CliFailure {
    Optional<byte[]> saved = io("read the state file " + state.path(), state::load);
    if (saved.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(stateVerifier.verify(saved.get()));
    } catch (VerificationException e) {
      throw new CliFailure(ExitCode.IO_ERROR,
          "the saved checkpoint in " + state.path() + " does not verify: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the tree the log now serves extends the saved one. The verifier holds every hash
   * of the new tree, so it builds the RFC 6962 consistency proof itself and checks it against the
   * saved root: that recomputes the old root from the new tree's hashes.
   */
  static String checkConsistency(Checkpoint saved, Checkpoint current, TileTree tree) throws CliFailure {
    long oldSize = saved.size();
    if (oldSize == 0) {
      if (!MessageDigest.isEqual(saved.rootHash(), Hashes.emptyRoot())) {
        throw new CliFailure(ExitCode.INCONSISTENT, "saved checkpoint of size 0 has a root that is not SHA-256(\"\")");
      }
      return "consistent with saved size 0";
    }
    try {
      ConsistencyProof.verify(oldSize, current.size(), saved.rootHash(), current.rootHash(),
          ProofBuilder.consistency(oldSize, current.size(), tree));
    } catch (VerificationException e) {
      throw new CliFailure(ExitCode.INCONSISTENT, String.format(
          "checkpoint of size %d is not consistent with the saved checkpoint of size %d: %s",
          current.size(), oldSize, e.getMessage()), e);
    }
    return "consistent with saved size " + oldSize;
  }

  /** An action that reads or writes outside the process. */
  private interface IoAction<T> {
    T run() throws IOException;
  }

  /** A verification step. */
  private interface Step<T> {
    T run() throws VerificationException;
  }

  private static <T> T io(String what, IoAction<T> action) throws CliFailure {
    try {
      return action.run();
    } catch (IOException e) {
      throw new CliFailure(ExitCode.IO_ERROR, "could not " + what + ": " + e.getMessage(), e);
    }
  }

  private static <T> T verified(Step<T> step) throws CliFailure {
    try {
      return step.run();
    } catch (VerificationException e) {
      throw new CliFailure(ExitCode.VERIFICATION_FAILED, "checkpoint: " + e.getMessage(), e);
    }
  }
}
