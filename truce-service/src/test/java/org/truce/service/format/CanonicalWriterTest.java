package org.truce.service.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The canonical writer gives the bytes of the sorted copy it replaced, for any tree. */
class CanonicalWriterTest {
    /** The former canonical form: a copy with sorted keys and numbers as raw ECMAScript text, then written. */
    private static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(field -> fields.put(field.getKey(), sortedCopy(field.getValue())));
            ObjectNode copy = Json.object();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.array();
            node.forEach(element -> copy.add(sortedCopy(element)));
            return copy;
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            return JsonNodeFactory.instance.rawValueNode(new RawValue(Es6Numbers.format(node.doubleValue())));
        }
        return node;
    }

    private static final String[] TEXTS = {"", "a", "é", "🕊", "\u0000\u001f", "\"\\/", "\u2028", "مجلس منبج العسكري", "Ё", "\ud83d"};

    private static JsonNode tree(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int kind = depth > 4 ? random.nextInt(8) : random.nextInt(10);
        return switch (kind) {
            case 0 -> f.textNode(TEXTS[random.nextInt(TEXTS.length)] + random.nextInt(100));
            case 1 -> f.numberNode(random.nextInt());
            case 2 -> f.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 3 -> f.numberNode(new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(12)));
            case 4 -> f.numberNode(BigInteger.valueOf(random.nextLong()).multiply(BigInteger.TEN.pow(random.nextInt(10))));
            case 5 -> f.booleanNode(random.nextBoolean());
            case 6 -> f.nullNode();
            case 7 -> f.numberNode(random.nextLong());
            case 8 -> {
                ArrayNode a = f.arrayNode();
                for (int i = random.nextInt(6); i > 0; i--) {
                    a.add(tree(random, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = f.objectNode();
                for (int i = random.nextInt(6); i > 0; i--) {
                    o.set(TEXTS[random.nextInt(TEXTS.length)] + (char) ('a' + random.nextInt(26)), tree(random, depth + 1));
                }
                yield o;
            }
        };
    }

    @Test
    void directWritingGivesTheBytesOfTheSortedCopy() throws Exception {
        Random random = new Random(8785);
        for (int i = 0; i < 20_000; i++) {
            JsonNode node = tree(random, 0);
            assertThat(Json.canonical(node)).as(Json.write(node)).isEqualTo(Json.MAPPER.writeValueAsBytes(sortedCopy(node)));
        }
        JsonNode parsed = Json.parse("{\"b\":[1,2.50,3500.0,{\"z\":1,\"a\":\"\\u00e9🕊\"}],\"a\":1e-7,\"c\":12345678901234567890.5}".getBytes(StandardCharsets.UTF_8));
        assertThat(Json.canonical(parsed)).isEqualTo(Json.MAPPER.writeValueAsBytes(sortedCopy(parsed)));
    }
}
