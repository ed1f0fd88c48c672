package org.truce.verify.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.truce.verify.Base64Strict;
import org.truce.verify.merkle.Hashes;

/**
 * A Checkpoint is the body of a c2sp.org/tlog-checkpoint@v1.0.0 note: the log's origin, the tree
 * size and the RFC 6962 root hash, then optional extension lines. Immutable.
 *
 * <pre>
 * example.com/behind-the-sofa
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * </pre>
 *
 * <p>Parsing is strict where the spec is: a non-empty origin, a decimal size without leading
 * zeros, a root of exactly 32 bytes in padded base64, and non-empty extension lines. Sizes are
 * uint64 in the spec; sizes above 2^63-1 are rejected, since no log comes near them.
 */
public final class Checkpoint {
  private final String origin;
  private final long size;
  private final byte[] rootHash;
  private final List<String> extensions;

  private Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
    this.origin = origin;
    this.size = size;
    this.rootHash = rootHash;
    this.extensions = List.copyOf(extensions);
  }

  /**
   * Returns the checkpoint with these fields and no extension lines.
   *
   * @throws IllegalArgumentException if the origin is empty or has a newline, the size is negative
   *     or the root is not 32 bytes
   */
  public static Checkpoint of(String origin, long size, byte[] rootHash) {
    if (origin.isEmpty() || origin.contains("\n") || size < 0 || rootHash.length != Hashes.SIZE) {
      throw new IllegalArgumentException("invalid checkpoint fields");
    }
    return new Checkpoint(origin, size, rootHash.clone(), List.of());
  }

  /**
   * Parses a checkpoint body, which must end in a newline.
   *
   * @throws CheckpointFormatException if the text is not a valid checkpoint body
   */
  public static Checkpoint parse(String text) throws CheckpointFormatException {
    if (!text.endsWith("\n")) {
      throw new CheckpointFormatException("text does not end in a newline");
    }
    List<String> lines = Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    if (lines.size() < 3) {
      throw new CheckpointFormatException("need at least 3 lines (origin, size, root hash), got " + lines.size());
    }
    if (lines.get(0).isEmpty()) {
      throw new CheckpointFormatException("origin line is empty");
    }
    List<String> extensions = new ArrayList<>(lines.subList(3, lines.size()));
    for (int i = 0; i < extensions.size(); i++) {
      if (extensions.get(i).isEmpty()) {
        throw new CheckpointFormatException("extension line " + (i + 1) + " is empty");
      }
    }
    return new Checkpoint(lines.get(0), parseSize(lines.get(1)), parseRoot(lines.get(2)), extensions);
  }

  private static long parseSize(String line) throws CheckpointFormatException {
    if (!line.matches("0|[1-9][0-9]*")) {
      throw new CheckpointFormatException("tree size \"" + line + "\" is not a decimal number without leading zeros");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new CheckpointFormatException("tree size " + line + " exceeds 2^63-1");
    }
  }

  private static byte[] parseRoot(String line) throws CheckpointFormatException {
    byte[] root;
    try {
      root = Base64Strict.decode(line);
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException("root hash \"" + line + "\" is not valid base64");
    }
    if (root.length != Hashes.SIZE) {
      throw new CheckpointFormatException("root hash is " + root.length + " bytes, want " + Hashes.SIZE);
    }
    return root;
  }

  public String origin() {
    return origin;
  }

  /** Returns the number of entries in the tree. */
  public long size() {
    return size;
  }

  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** Returns the extension lines after the root hash, without their newlines. */
  public List<String> extensions() {
    return extensions;
  }

  /** Returns the note text: origin, size, root and extension lines, each ending in a newline. */
  public String body() {
    StringBuilder body = new StringBuilder()
        .append(origin).append('\n')
        .append(size).append('\n')
        .append(Base64Strict.encode(rootHash)).append('\n');
    for (String extension : extensions) {
      body.append(extension).append('\n');
    }
    return body.toString();
  }

  @Override
  public String toString() {
    return origin + " size " + size + " root " + Base64Strict.encode(rootHash);
  }
}
