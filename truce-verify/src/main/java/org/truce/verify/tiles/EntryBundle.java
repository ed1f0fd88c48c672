package org.truce.verify.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * EntryBundle reads and writes tlog-tiles entry bundles: each entry as a big-endian uint16 length
 * followed by that many bytes, so an entry is at most {@value #MAX_ENTRY_SIZE} bytes.
 */
public final class EntryBundle {
  /** The largest entry a bundle can hold. */
  public static final int MAX_ENTRY_SIZE = 0xffff;

  private EntryBundle() {}

  /**
   * Returns the entries of {@code bundle}, which must be exactly {@code bundle.width()} entries.
   *
   * @throws TileFormatException if the data is truncated, has trailing bytes, or has another count
   */
  public static List<byte[]> parse(TileId bundle, byte[] data) throws TileFormatException {
    if (!bundle.isEntries()) {
      throw new IllegalArgumentException(bundle + " is a hash tile, not an entry bundle");
    }
    List<byte[]> entries = new ArrayList<>(bundle.width());
    int offset = 0;
    while (offset < data.length && entries.size() < bundle.width()) {
      if (offset + 2 > data.length) {
        throw new TileFormatException(bundle + ": entry " + entries.size() + " has a truncated length prefix");
      }
      int length = ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff);
      if (offset + 2 + length > data.length) {
        throw new TileFormatException(String.format("%s: entry %d claims %d bytes, only %d remain",
            bundle, entries.size(), length, data.length - offset - 2));
      }
      entries.add(Arrays.copyOfRange(data, offset + 2, offset + 2 + length));
      offset += 2 + length;
    }
    if (entries.size() != bundle.width() || offset != data.length) {
      throw new TileFormatException(String.format("%s: want exactly %d entries, got %d%s", bundle, bundle.width(),
          entries.size(), offset != data.length ? " and " + (data.length - offset) + " trailing bytes" : ""));
    }
    return entries;
  }

  /**
   * Returns the bundle bytes for {@code entries}.
   *
   * @throws IllegalArgumentException if an entry is longer than {@value #MAX_ENTRY_SIZE} bytes
   */
  public static byte[] encode(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] entry : entries) {
      if (entry.length > MAX_ENTRY_SIZE) {
        throw new IllegalArgumentException("entry is " + entry.length + " bytes, at most " + MAX_ENTRY_SIZE + " fit");
      }
      out.write(entry.length >>> 8);
      out.write(entry.length & 0xff);
      out.writeBytes(entry);
    }
    return out.toByteArray();
  }
}
