package org.truce.verify.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Json is a small JSON reader for the test vectors: the module has no JSON dependency, and the
 * vectors need only objects, arrays, strings, numbers (kept exact, since some are 2^64-1),
 * booleans and null.
 */
public final class Json {
  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /** Parses one JSON document. */
  public static Node parse(String text) {
    Json json = new Json(text);
    Object value = json.value();
    json.skipSpace();
    if (json.pos != text.length()) {
      throw json.error("trailing characters");
    }
    return new Node(value);
  }

  private Object value() {
    skipSpace();
    char c = peek();
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default: return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    do {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      map.put(key, value());
      skipSpace();
    } while (tryConsume(','));
    expect('}');
    return map;
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    expect('[');
    skipSpace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    do {
      list.add(value());
      skipSpace();
    } while (tryConsume(','));
    expect(']');
    return list;
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (peek() != '"') {
      char c = text.charAt(pos++);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = text.charAt(pos++);
      switch (escape) {
        case 'n': out.append('\n'); break;
        case 't': out.append('\t'); break;
        case 'r': out.append('\r'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'u': out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16)); pos += 4; break;
        default: out.append(escape);
      }
    }
    pos++;
    return out.toString();
  }

  private BigDecimal number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw error("unexpected character");
    }
    return new BigDecimal(text.substring(start, pos));
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
    return value;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(pos);
  }

  private boolean tryConsume(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException("JSON " + message + " at offset " + pos);
  }

  /** A parsed JSON value with typed accessors. */
  public static final class Node {
    private final Object value;

    Node(Object value) {
      this.value = value;
    }

    public Node get(String key) {
      if (!(value instanceof Map)) {
        throw new IllegalStateException("not an object: " + value);
      }
      Map<?, ?> map = (Map<?, ?>) value;
      if (!map.containsKey(key)) {
        throw new IllegalArgumentException("no key " + key);
      }
      return new Node(map.get(key));
    }

    public boolean has(String key) {
      return value instanceof Map && ((Map<?, ?>) value).containsKey(key);
    }

    public boolean isNull() {
      return value == null;
    }

    public String str() {
      return (String) value;
    }

    public boolean bool() {
      return (Boolean) value;
    }

    /** Returns the number as a uint64 in a long (so 2^64-1 becomes -1). */
    public long uint64() {
      return Long.parseUnsignedLong(((BigDecimal) value).toBigIntegerExact().toString());
    }

    public int intValue() {
      return ((BigDecimal) value).intValueExact();
    }

    public List<Node> list() {
      List<Node> nodes = new ArrayList<>();
      for (Object item : (List<?>) value) {
        nodes.add(new Node(item));
      }
      return nodes;
    }

    public List<String> strings() {
      List<String> strings = new ArrayList<>();
      for (Node node : list()) {
        strings.add(node.str());
      }
      return strings;
    }

    public List<String> keys() {
      List<String> keys = new ArrayList<>();
      for (Object key : ((Map<?, ?>) value).keySet()) {
        keys.add((String) key);
      }
      return keys;
    }
  }
}
