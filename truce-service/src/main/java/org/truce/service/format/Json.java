package org.truce.service.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The JSON settings every Truce format shares: strict parsing (duplicate keys, trailing tokens and
 * excessive nesting are errors) and a canonical form for log entries (keys sorted, no whitespace).
 */
public final class Json {
    /** Deepest nesting accepted; GeoJSON MultiPolygons need 5 levels below a feature. */
    public static final int MAX_NESTING_DEPTH = 64;

    public static final JsonMapper MAPPER = JsonMapper.builder(jsonFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // characters outside the BMP as literal UTF-8, not \\u surrogate escapes (RFC 8785 §3.2.2.2)
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private Json() {
    }

    private static com.fasterxml.jackson.core.JsonFactory jsonFactory() {
        var factory = new com.fasterxml.jackson.core.JsonFactory();
        factory.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(100)
                .maxStringLength(20_000_000)
                .build());
        return factory;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses a document; malformed JSON raises {@link MalformedJsonException} with the position. */
    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage(), e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? -1 : e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(InputStream in) {
        try {
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The canonical bytes of a tree (RFC 8785 for the values Truce writes): object keys sorted by
     * UTF-16 code units, no insignificant whitespace, UTF-8 with only the mandatory escapes,
     * non-integer numbers in ECMAScript's shortest form.
     */
    public static byte[] canonical(JsonNode node) {
        // written straight from the tree, not from a sorted copy of it: entries are mostly long
        // arrays of coordinates, and copying them was most of the cost of recording an area
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);
        try (com.fasterxml.jackson.core.JsonGenerator generator = MAPPER.createGenerator(out)) {
            writeCanonical(generator, node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        return out.toByteArray();
    }

    private static void writeCanonical(com.fasterxml.jackson.core.JsonGenerator generator, JsonNode node) throws IOException {
        if (node.isObject()) {
            java.util.List<String> names = new java.util.ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names); // String order is UTF-16 code unit order
            generator.writeStartObject();
            for (String name : names) {
                generator.writeFieldName(name);
                writeCanonical(generator, node.get(name));
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                writeCanonical(generator, element);
            }
            generator.writeEndArray();
        } else if (node.isNumber() && !node.isIntegralNumber()) {
            // RFC 8785 numbers: ECMAScript's shortest form, whatever the number was parsed or built as
            generator.writeRawValue(Es6Numbers.format(node.doubleValue()));
        } else {
            MAPPER.writeTree(generator, node);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
