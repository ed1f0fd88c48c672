package org.truce.verify.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.truce.verify.crypto.Ed25519PublicKey;
import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.NoteSignature;
import org.truce.verify.note.NoteVerifier;
import org.truce.verify.note.VerifierKey;

/**
 * A Cosignature is a verified c2sp.org/tlog-cosignature {@code cosignature/v1} signature (type
 * 0x04): a witness's statement that, as of {@link #timestamp()}, the checkpoint is the largest
 * consistent tree it has seen for the origin.
 *
 * <p>The signature line carries {@code keyID (4) || timestamp (8, big-endian) || Ed25519
 * signature (64)}, and the Ed25519 signature covers
 *
 * <pre>
 * cosignature/v1
 * time &lt;timestamp&gt;
 * &lt;checkpoint note text&gt;
 * </pre>
 */
public final class Cosignature {
  /** Bytes of a cosignature after the key ID: timestamp and Ed25519 signature. */
  public static final int SIGNATURE_SIZE = 8 + Ed25519PublicKey.SIGNATURE_SIZE;

  private final String name;
  private final int keyId;
  private final long timestamp;

  private Cosignature(String name, int keyId, long timestamp) {
    this.name = name;
    this.keyId = keyId;
    this.timestamp = timestamp;
  }

  /** Returns the signed message for a cosignature at {@code timestamp} on {@code checkpointText}. */
  public static byte[] message(long timestamp, byte[] checkpointText) {
    byte[] header = ("cosignature/v1\ntime " + Long.toUnsignedString(timestamp) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] message = Arrays.copyOf(header, header.length + checkpointText.length);
    System.arraycopy(checkpointText, 0, message, header.length, checkpointText.length);
    return message;
  }

  /** Returns the cosignature that {@code signature}, already verified, represents. */
  static Cosignature from(NoteSignature signature) {
    return new Cosignature(signature.name(), signature.keyId(), ByteBuffer.wrap(signature.signature()).getLong());
  }

  /**
   * Returns the note verifier for a witness's {@code cosignature/v1} key.
   *
   * @throws KeyFormatException if the key is not of type 0x04
   */
  public static NoteVerifier verifier(VerifierKey key) throws KeyFormatException {
    if (key.type() != VerifierKey.TYPE_COSIGNATURE_V1) {
      throw new KeyFormatException(String.format(
          "key %s has type 0x%02x, but cosignature/v1 needs a type 0x04 key", key.name(), key.type()));
    }
    return new Verifier(key);
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** Returns the POSIX time in seconds at which the witness cosigned. */
  public long timestamp() {
    return timestamp;
  }

  /** Verifies {@code cosignature/v1} signatures of one witness key. */
  private static final class Verifier implements NoteVerifier {
    private final VerifierKey key;
    private final Ed25519PublicKey publicKey;

    Verifier(VerifierKey key) {
      this.key = key;
      this.publicKey = Ed25519PublicKey.of(key.publicKey());
    }

    @Override
    public String name() {
      return key.name();
    }

    @Override
    public int keyId() {
      return key.keyId();
    }

    @Override
    public boolean verify(byte[] text, byte[] signature) {
      if (signature.length != SIGNATURE_SIZE) {
        return false;
      }
      long timestamp = ByteBuffer.wrap(signature).getLong();
      // tlog-cosignature limits the timestamp to 2^63-1.
      if (timestamp < 0) {
        return false;
      }
      return publicKey.verify(message(timestamp, text), Arrays.copyOfRange(signature, 8, SIGNATURE_SIZE));
    }
  }
}
