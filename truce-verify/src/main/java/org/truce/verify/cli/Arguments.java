package org.truce.verify.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Arguments is the parsed command line of {@code truce-verify}. */
public record Arguments(
    URI url,
    String logKey,
    Optional<Path> stateFile,
    List<String> witnessKeys,
    OptionalInt quorum,
    Optional<String> origin,
    boolean help) {

  public static final String USAGE = String.join("\n",
      "usage: java -jar truce-verify.jar --url URL --key VKEY [--state FILE] [--witness VKEY ...] [--quorum N] [--origin ORIGIN]",
      "",
      "Fetches URL/checkpoint, verifies it, every entry bundle and every tile, and checks that the log is",
      "consistent with the checkpoint saved by the previous run, then saves the new one.",
      "",
      "  --url URL        the log's tlog-tiles prefix, e.g. http://127.0.0.1:8080/log",
      "  --key VKEY       the log's Ed25519 verifier key, <name>+<key id>+<base64>",
      "  --state FILE     where the last verified checkpoint is kept",
      "                   (default ~/.truce-verify/<origin>.checkpoint)",
      "  --witness VKEY   a witness's cosignature/v1 key; repeat for each witness",
      "  --quorum N       how many of the witnesses must cosign (default: all of them)",
      "  --origin ORIGIN  the expected checkpoint origin (default: the log key's name)",
      "  --help           print this text",
      "",
      "exit status: 0 verified, 1 verification failed, 2 usage error, 3 network or state-file error,",
      "4 not consistent with the saved checkpoint",
      "");

  /**
   * Parses {@code args}; options take their value as the next argument or after '='.
   *
   * @throws CliFailure with {@link ExitCode#USAGE} if the arguments are wrong
   */
  public static Arguments parse(String[] args) throws CliFailure {
    Builder builder = new Builder();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        builder.help = true;
        continue;
      }
      int equals = arg.indexOf('=');
      String option = equals > 0 && arg.startsWith("--") ? arg.substring(0, equals) : arg;
      String value;
      if (equals > 0 && arg.startsWith("--")) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw usage("option " + arg + " needs a value");
      }
      builder.set(option, value);
    }
    return builder.build();
  }

  private static CliFailure usage(String message) {
    return new CliFailure(ExitCode.USAGE, message + " (see --help)");
  }

  /** Accumulates options while parsing. */
  private static final class Builder {
    private String url;
    private String key;
    private String state;
    private final List<String> witnesses = new ArrayList<>();
    private String quorum;
    private String origin;
    private boolean help;

    void set(String option, String value) throws CliFailure {
      switch (option) {
        case "--url": url = once(option, url, value); break;
        case "--key": key = once(option, key, value); break;
        case "--state": state = once(option, state, value); break;
        case "--witness": witnesses.add(value); break;
        case "--quorum": quorum = once(option, quorum, value); break;
        case "--origin": origin = once(option, origin, value); break;
        default: throw usage("unknown option " + option);
      }
    }

    private static String once(String option, String previous, String value) throws CliFailure {
      if (previous != null) {
        throw usage("option " + option + " given twice");
      }
      return value;
    }

    Arguments build() throws CliFailure {
      if (help) {
        return new Arguments(null, null, Optional.empty(), List.of(), OptionalInt.empty(), Optional.empty(), true);
      }
      if (url == null || key == null) {
        throw usage(url == null ? "--url is required" : "--key is required");
      }
      return new Arguments(parseUrl(url), key, Optional.ofNullable(state).map(Path::of), List.copyOf(witnesses),
          parseQuorum(quorum), Optional.ofNullable(origin), false);
    }

    private static URI parseUrl(String url) throws CliFailure {
      try {
        URI uri = new URI(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
          throw usage("--url must be an http or https URL, got " + url);
        }
        return uri;
      } catch (URISyntaxException e) {
        throw usage("--url is not a URL: " + e.getMessage());
      }
    }

    private static OptionalInt parseQuorum(String quorum) throws CliFailure {
      if (quorum == null) {
        return OptionalInt.empty();
      }
      if (!quorum.matches("[0-9]{1,4}")) {
        throw usage("--quorum must be a number, got " + quorum);
      }
      return OptionalInt.of(Integer.parseInt(quorum));
    }
  }
}
