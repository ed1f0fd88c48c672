package org.truce.web.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.truce.domain.geo.BoundingBox;
import org.truce.domain.geo.GeoPoint;
import org.truce.domain.problem.Problem;

/**
 * Reads query parameters, collecting a problem per bad parameter; {@link #done} throws them all as
 * one 400 answer.
 */
public final class Params {
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?([0-9]{1,20}(\\.[0-9]{0,20})?|\\.[0-9]{1,20})([eE][+-]?[0-9]{1,3})?");

    private final Context ctx;
    private final List<Problem> problems = new ArrayList<>();

    public Params(Context ctx) {
        this.ctx = ctx;
    }

    public String text(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** An ISO 8601 instant: with offset or Z, or a date (its start, UTC). */
    public Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                problems.add(new Problem(name, "must be an ISO 8601 instant such as 2016-09-19T16:15:00Z or a date 2016-09-19; got '" + clip(value) + "'"));
                return null;
            }
        }
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                problems.add(new Problem(name, "must be within " + min + "…" + max + ", got " + n));
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(new Problem(name, "must be an integer within " + min + "…" + max + ", got '" + clip(value) + "'"));
            return fallback;
        }
    }

    public long cursor(String name) {
        String value = text(name);
        if (value == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(value);
            if (n < -1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(new Problem(name, "must be a cursor returned by a previous page, got '" + clip(value) + "'"));
            return -1;
        }
    }

    /** {@code west,south,east,north} in degrees. */
    public BoundingBox bbox(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",", -1);
        if (parts.length != 4) {
            problems.add(new Problem(name, "must be west,south,east,north (four numbers), got '" + clip(value) + "'"));
            return null;
        }
        try {
            double west = Double.parseDouble(parts[0]);
            double south = Double.parseDouble(parts[1]);
            double east = Double.parseDouble(parts[2]);
            double north = Double.parseDouble(parts[3]);
            if (!GeoPoint.isValidLongitude(west) || !GeoPoint.isValidLongitude(east) || !GeoPoint.isValidLatitude(south)
                    || !GeoPoint.isValidLatitude(north) || west > east || south > north) {
                problems.add(new Problem(name, "must be west,south,east,north with longitudes in [-180, 180], latitudes in [-90, 90],"
                        + " west <= east and south <= north; got '" + clip(value) + "'"));
                return null;
            }
            return new BoundingBox(west, south, east, north);
        } catch (NumberFormatException e) {
            problems.add(new Problem(name, "must be four numbers west,south,east,north, got '" + clip(value) + "'"));
            return null;
        }
    }

    /**
     * A decimal number within [min, max], or null (with a problem when it is required, malformed or out
     * of range). {@code expected} says what is wanted, e.g. "a number of metres within [0, 100000]".
     */
    public Double decimal(String name, double min, double max, boolean required, String expected) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new Problem(name, "is required (" + expected + ")"));
            }
            return null;
        }
        // Double.parseDouble would also take "NaN", "Infinity", hexadecimal and a trailing d or f
        if (!DECIMAL.matcher(value.strip()).matches()) {
            problems.add(new Problem(name, "must be " + expected + ", got '" + clip(value) + "'"));
            return null;
        }
        double n = Double.parseDouble(value.strip());
        if (!(n >= min && n <= max)) {
            problems.add(new Problem(name, "must be " + expected + ", got " + clip(value.strip())));
            return null;
        }
        return n;
    }

    /** A problem found by the caller, answered with the others by {@link #done}. */
    public void problem(String name, String message) {
        problems.add(new Problem(name, message));
    }

    /** Notes a problem when {@code name} is absent or empty; {@code hint} says what to send. */
    public void require(String name, String hint) {
        if (text(name) == null) {
            problems.add(new Problem(name, "is required (" + hint + ")"));
        }
    }

    public void done() {
        if (!problems.isEmpty()) {
            StringBuilder detail = new StringBuilder();
            problems.forEach(p -> detail.append(detail.isEmpty() ? "" : "; ").append(p.field()).append(": ").append(p.message()));
            throw new HttpProblem(400, "Invalid query parameters", detail.toString(), problems);
        }
    }

    public static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
