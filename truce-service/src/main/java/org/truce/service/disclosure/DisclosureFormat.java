package org.truce.service.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.truce.domain.problem.InvalidInputException;
import org.truce.domain.release.Audience;
import org.truce.domain.release.Marking;
import org.truce.log.sealed.Opening;
import org.truce.service.format.Json;
import org.truce.service.format.MalformedJsonException;

/**
 * The {@code truce-disclosure/1} file: JSON Lines, a header line then one line per disclosed field,
 * each line canonical JSON (docs/formats.md, "Disclosure bundles").
 */
public final class DisclosureFormat {
    public static final String FORMAT = "truce-disclosure/1";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private DisclosureFormat() {
    }

    public static void write(DisclosureBundle bundle, OutputStream out) {
        try {
            ObjectNode header = Json.object().put("format", FORMAT).put("audience", bundle.audience().code())
                    .put("origin", bundle.origin()).put("tree_size", bundle.treeSize());
            line(out, header);
            for (DisclosureBundle.Item item : bundle.items()) {
                ObjectNode o = Json.object().put("index", item.index()).put("field", item.field())
                        .put("marking", item.marking().code()).put("sha256", item.opening().commitmentHex())
                        .put("salt", HEX.formatHex(item.opening().salt()));
                o.set("value", Json.parse(item.opening().value()));
                line(out, o);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(OutputStream out, JsonNode node) throws IOException {
        out.write(Json.canonical(node));
        out.write('\n');
    }

    /**
     * Reads a bundle.
     *
     * @throws InvalidInputException naming the line and member of the first problem
     */
    public static DisclosureBundle read(InputStream in) {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String first = reader.readLine();
            if (first == null) {
                throw InvalidInputException.of("line 1", "is missing: a disclosure bundle starts with its header");
            }
            JsonNode header = object(first, 1);
            if (!FORMAT.equals(header.path("format").textValue())) {
                throw InvalidInputException.of("line 1: format", "must be \"" + FORMAT + "\", got " + header.get("format"));
            }
            Audience audience = Audience.parse(header.path("audience").textValue()).orElseThrow(() -> InvalidInputException.of(
                    "line 1: audience", "must be one of " + Audience.FORMS + ", got " + header.get("audience")));
            String origin = text(header, "origin", 1);
            long treeSize = nonNegative(header, "tree_size", 1);
            var items = new ArrayList<DisclosureBundle.Item>();
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                items.add(item(object(line, number), number));
            }
            return new DisclosureBundle(audience, origin, treeSize, items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DisclosureBundle.Item item(JsonNode o, int line) {
        long index = nonNegative(o, "index", line);
        String field = text(o, "field", line);
        String markingCode = text(o, "marking", line);
        Marking marking = Marking.parse(markingCode).filter(m -> !m.isPublic()).orElseThrow(() -> InvalidInputException.of(
                "line " + line + ": marking", "must be a non-public marking (" + Marking.FORMS + "), got \"" + markingCode + "\""));
        byte[] commitment = hex(o, "sha256", line);
        byte[] salt = hex(o, "salt", line);
        JsonNode value = o.get("value");
        if (value == null || !value.isObject() || value.isEmpty()) {
            throw InvalidInputException.of("line " + line + ": value", "must be an object holding the sealed members");
        }
        byte[] bytes = Json.canonical(value);
        if (bytes.length > Opening.MAX_VALUE_BYTES) {
            throw InvalidInputException.of("line " + line + ": value", "is longer than " + Opening.MAX_VALUE_BYTES + " bytes");
        }
        return new DisclosureBundle.Item(index, field, marking, new Opening(commitment, salt, bytes));
    }

    private static JsonNode object(String line, int number) {
        JsonNode node;
        try {
            node = Json.parse(line.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw InvalidInputException.of("line " + number, "is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw InvalidInputException.of("line " + number, "must be a JSON object");
        }
        return node;
    }

    private static String text(JsonNode o, String member, int line) {
        JsonNode v = o.get(member);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw InvalidInputException.of("line " + line + ": " + member, "must be a non-empty string");
        }
        return v.textValue();
    }

    private static long nonNegative(JsonNode o, String member, int line) {
        JsonNode v = o.get(member);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong() || v.longValue() < 0) {
            throw InvalidInputException.of("line " + line + ": " + member, "must be an integer ≥ 0");
        }
        return v.longValue();
    }

    private static byte[] hex(JsonNode o, String member, int line) {
        String text = text(o, member, line);
        if (!HEX64.matcher(text).matches()) {
            throw InvalidInputException.of("line " + line + ": " + member, "must be 64 lowercase hex digits");
        }
        return HEX.parseHex(text);
    }
}
