package org.truce.service.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import org.truce.domain.problem.Problems;

/** Small readers shared by the document formats. */
final class Formats {
    private Formats() {
    }

    /** The document's {@code time_zone} (an IANA zone id), UTC when absent. */
    static ZoneId zone(Fields f, Problems problems) {
        String id = f.optString("time_zone");
        if (id == null) {
            return ZoneOffset.UTC;
        }
        return zoneOf(id, f.path("time_zone"), problems);
    }

    static ZoneId zoneOf(String id, String path, Problems problems) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            problems.add(path, "must be an IANA time zone such as Asia/Damascus, got '" + Fields.clip(id) + "'");
            return null;
        }
    }

    static <E extends Enum<E>> E enumValue(Fields f, String field, Class<E> type, boolean required) {
        String text = required ? f.string(field) : f.optString(field);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            f.problems().add(f.path(field), "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + Fields.clip(text) + "'");
            return null;
        }
    }

    static ObjectNode putInstant(ObjectNode node, String field, Instant instant) {
        if (instant != null) {
            node.put(field, instant.toString());
        }
        return node;
    }
}
