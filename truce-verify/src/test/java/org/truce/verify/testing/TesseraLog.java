package org.truce.verify.testing;

import java.util.List;

/** Facts about the Tessera test log in tlog/tessera-log, from its upstream build script. */
public final class TesseraLog {
  public static final String ORIGIN = "example.com/log/testdata";
  public static final String VKEY = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
  /** The test-only signer key published with the log. */
  public static final String SKEY = "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";
  /** Entries 0..14 (the misspellings are upstream's). */
  public static final List<String> ENTRIES = List.of("one", "two", "three", "four", "five", "six", "seven", "eit", "nain",
      "ten", "ileven", "twelf", "threeten", "fourten", "fivten");

  private TesseraLog() {}
}
