package org.truce.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.truce.domain.problem.Problems;

/**
 * Reads typed fields out of a JSON object, recording a problem (with the field's full path) for every
 * missing or mistyped value instead of stopping at the first. A reader is bound to one object and
 * one path prefix; {@link #object} and {@link #list} descend.
 */
public final class Fields {
    private final JsonNode node;
    private final String prefix;
    private final Problems problems;

    public Fields(JsonNode node, String prefix, Problems problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** A reader for a whole document; reports a problem if it is not a JSON object. */
    public static Fields root(JsonNode node, String prefix, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(prefix.isEmpty() ? "(body)" : prefix, "must be a JSON object");
            return new Fields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), prefix, problems);
        }
        return new Fields(node, prefix, problems);
    }

    public Problems problems() {
        return problems;
    }

    public String path(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private JsonNode value(String field, boolean required, String expected) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(path(field), "is required (" + expected + ")");
            }
            return null;
        }
        return value;
    }

    public String string(String field) {
        return text(field, true);
    }

    public String optString(String field) {
        return text(field, false);
    }

    private String text(String field, boolean required) {
        JsonNode value = value(field, required, "a string");
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(path(field), "must be a string, got " + kind(value));
            return null;
        }
        return value.textValue();
    }

    public Double number(String field, boolean required) {
        JsonNode value = value(field, required, "a number");
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            problems.add(path(field), "must be a number, got " + kind(value));
            return null;
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            problems.add(path(field), "must be a finite number");
            return null;
        }
        return d;
    }

    public Long integer(String field, boolean required) {
        JsonNode value = value(field, required, "an integer");
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() && !(value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()))) {
            problems.add(path(field), "must be an integer, got " + kind(value));
            return null;
        }
        if (!value.canConvertToLong()) {
            problems.add(path(field), "is out of range");
            return null;
        }
        return value.longValue();
    }

    public Boolean bool(String field, boolean required) {
        JsonNode value = value(field, required, "true or false");
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problems.add(path(field), "must be true or false, got " + kind(value));
            return null;
        }
        return value.booleanValue();
    }

    /** A nested object; null (with a problem if required) when absent or not an object. */
    public Fields object(String field, boolean required) {
        JsonNode value = value(field, required, "an object");
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problems.add(path(field), "must be an object, got " + kind(value));
            return null;
        }
        return new Fields(value, path(field), problems);
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    /** Reads each element of an array with {@code reader(elementNode, elementPath)}; absent means empty. */
    public <T> List<T> list(String field, boolean required, BiFunction<JsonNode, String, T> reader) {
        List<T> result = new ArrayList<>();
        JsonNode value = value(field, required, "an array");
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            problems.add(path(field), "must be an array, got " + kind(value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            T item = reader.apply(value.get(i), path(field) + "[" + i + "]");
            if (item != null) {
                result.add(item);
            }
        }
        return result;
    }

    /** An array of strings. */
    public List<String> strings(String field, boolean required) {
        return list(field, required, (element, at) -> {
            if (!element.isTextual()) {
                problems.add(at, "must be a string, got " + kind(element));
                return null;
            }
            return element.textValue();
        });
    }

    /** An instant given with an offset ({@code 2016-02-27T00:00+02:00}) or in UTC ({@code …Z}). */
    public Instant instant(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(path(field), "must be an ISO 8601 date-time with offset, e.g. 2016-02-27T00:00:00+02:00; got '" + clip(text) + "'");
            return null;
        }
    }

    /**
     * An instant written as local time in {@code zone}: {@code 2016-02-27T00:00} or a date
     * ({@code 2016-02-27}, meaning its start); a value with an offset is taken as is.
     */
    public Instant localInstant(String field, boolean required, ZoneId zone) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        Instant parsed = parseLocal(text, zone);
        if (parsed == null) {
            problems.add(path(field), "must be a date (2016-02-27) or local date-time (2016-02-27T00:00) in "
                    + zone.getId() + ", or a date-time with offset; got '" + clip(text) + "'");
        }
        return parsed;
    }

    static Instant parseLocal(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset: try local forms
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a local date-time: try a date
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String kind(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return "null";
    }

    public static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
