package org.truce.verify.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SignedNote is a parsed, not yet verified, C2SP signed note: a text ending in a newline, a
 * blank line, and one or more signature lines. Immutable.
 *
 * <p>Parsing follows c2sp.org/signed-note@v1.0.0 and Go's golang.org/x/mod/sumdb/note: the note
 * must be valid UTF-8 without control characters other than newline; the text ends at the
 * <em>last</em> blank line (the text itself may contain blank lines); every line after it must be
 * a signature line ending in a newline; and there may be at most {@value #MAX_SIGNATURES}
 * signature lines (C2SP requires accepting at least 16; Go's limit is 100, and so is ours).
 */
public final class SignedNote {
  /** The most signature lines a note may carry, duplicates included. */
  public static final int MAX_SIGNATURES = 100;

  private final byte[] text;
  private final List<NoteSignature> signatures;

  private SignedNote(byte[] text, List<NoteSignature> signatures) {
    this.text = text;
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Returns the note with this text and these signatures.
   *
   * @throws IllegalArgumentException if the text does not end in a newline or there are no signatures
   */
  public static SignedNote of(String text, List<NoteSignature> signatures) {
    if (!text.endsWith("\n") || signatures.isEmpty()) {
      throw new IllegalArgumentException("a note needs a text ending in a newline and at least one signature");
    }
    return new SignedNote(text.getBytes(StandardCharsets.UTF_8), signatures);
  }

  /**
   * Parses a signed note.
   *
   * @throws NoteFormatException if the bytes are not a well-formed signed note
   */
  public static SignedNote parse(byte[] message) throws NoteFormatException {
    String all = decodeUtf8(message);
    requireNoControlCharacters(all);
    int split = lastIndexOf(message, new byte[] {'\n', '\n'});
    if (split < 0) {
      throw new NoteFormatException("no blank line separates the text from the signatures");
    }
    byte[] text = Arrays.copyOfRange(message, 0, split + 1);
    String block = new String(message, split + 2, message.length - split - 2, StandardCharsets.UTF_8);
    return new SignedNote(text, parseSignatures(block));
  }

  private static List<NoteSignature> parseSignatures(String block) throws NoteFormatException {
    if (block.isEmpty()) {
      throw new NoteFormatException("no signature lines after the blank line");
    }
    if (!block.endsWith("\n")) {
      throw new NoteFormatException("the last signature line does not end in a newline");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new NoteFormatException(
          "note has " + lines.length + " signature lines, at most " + MAX_SIGNATURES + " are accepted");
    }
    List<NoteSignature> signatures = new ArrayList<>(lines.length);
    for (String line : lines) {
      signatures.add(NoteSignature.parse(line));
    }
    return signatures;
  }

  private static String decodeUtf8(byte[] message) throws NoteFormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(message))
          .toString();
    } catch (CharacterCodingException e) {
      throw new NoteFormatException("not valid UTF-8");
    }
  }

  private static void requireNoControlCharacters(String note) throws NoteFormatException {
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new NoteFormatException(String.format("control character U+%04X at offset %d", (int) c, i));
      }
    }
  }

  private static int lastIndexOf(byte[] haystack, byte[] needle) {
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the signed text as bytes: everything before the blank line, final newline included. */
  public byte[] textBytes() {
    return text.clone();
  }

  /** Returns the signed text. */
  public String text() {
    return new String(text, StandardCharsets.UTF_8);
  }

  /** Returns the signature lines, in order, duplicates included. */
  public List<NoteSignature> signatures() {
    return signatures;
  }

  /** Returns a copy of this note with {@code signature} appended (as a witness adds a cosignature). */
  public SignedNote withSignature(NoteSignature signature) {
    List<NoteSignature> all = new ArrayList<>(signatures);
    all.add(signature);
    return new SignedNote(text, all);
  }

  /** Returns the note in its wire form: text, blank line, signature lines. */
  public byte[] toBytes() {
    StringBuilder out = new StringBuilder(text()).append('\n');
    for (NoteSignature signature : signatures) {
      out.append(signature.line()).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
