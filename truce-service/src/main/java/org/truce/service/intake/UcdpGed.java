package org.truce.service.intake;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.truce.domain.problem.Problems;
import org.truce.domain.report.ReportDraft;

/**
 * Maps one UCDP GED row (codebook 19.1 columns, domain.md b.2) to a report draft.
 *
 * <ul>
 *   <li>Time: {@code date_start} 00:00 to the day after {@code date_end} 00:00, Damascus time: the
 *       interval is the date precision.</li>
 *   <li>Place: the point with a radius from {@code where_prec} (1 exact: 1 km; 2 near a place: 25 km;
 *       3 district: 50 km; 4 governorate: 100 km; 5 linear feature: 50 km; 6 country: 400 km; 7 water or
 *       airspace: 100 km).</li>
 *   <li>Type: one-sided violence is "Violence against civilians/Attack" by side A; otherwise the
 *       headline decides between air strikes, shelling, bombs and armed clashes. Both sides become
 *       involved actors, not perpetrator and target: UCDP's side A is not "the attacker".</li>
 *   <li>Source: the outlet UCDP coded from, graded B (a curated dataset), credibility 2 when UCDP
 *       cites several sources and 3 otherwise.</li>
 * </ul>
 */
public final class UcdpGed {
    public static final String EXTERNAL_PREFIX = "ucdp-ged:";
    public static final List<String> REQUIRED_COLUMNS = List.of("id", "type_of_violence", "side_a", "side_b",
            "where_prec", "latitude", "longitude", "date_start", "date_end", "best");
    private static final ZoneId DAMASCUS = ZoneId.of("Asia/Damascus");

    private UcdpGed() {
    }

    public static String externalId(Map<String, String> row) {
        return EXTERNAL_PREFIX + row.getOrDefault("id", "").strip();
    }

    public static ReportDraft draft(Map<String, String> row, Problems problems) {
        for (String column : REQUIRED_COLUMNS) {
            if (row.get(column) == null || row.get(column).isBlank()) {
                problems.add(column, "is required");
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        Double lat = number(row, "latitude", problems);
        Double lon = number(row, "longitude", problems);
        Long best = integer(row, "best", problems);
        Long wherePrec = integer(row, "where_prec", problems);
        Long violence = integer(row, "type_of_violence", problems);
        String from = startOf(row, "date_start", 0, problems);
        String to = startOf(row, "date_end", 1, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        String headline = row.getOrDefault("source_headline", "");
        String[] type = eventType(violence, headline);
        boolean oneSided = violence == 3;
        int sources = parseIntOr(row.get("number_of_sources"), 1);
        String outlet = blankToNull(row.get("source_office"));
        return new ReportDraft(from, to,
                new ReportDraft.PlaceDraft(lat, lon, (double) precisionMeters(wherePrec)), null,
                type[0], type[1],
                oneSided ? row.get("side_a") : null, oneSided ? row.get("side_b") : null,
                oneSided ? null : List.of(row.get("side_a"), row.get("side_b")),
                best,
                new ReportDraft.SourceDraft(outlet == null ? "UCDP GED" : outlet + " (via UCDP GED)", "B", sources > 1 ? 2L : 3L),
                description(row, headline), externalId(row));
    }

    static String[] eventType(long violence, String headline) {
        if (violence == 3) {
            return new String[] {"Violence against civilians", "Attack"};
        }
        String h = headline.toLowerCase(Locale.ROOT);
        if (h.matches(".*(air ?strike|airstrike|air raid|raid|warplane|jet|helicopter|barrel|bombing|bombard).*")) {
            return new String[] {"Explosions/Remote violence", "Air/drone strike"};
        }
        if (h.matches(".*(shell|mortar|rocket|missile|artillery).*")) {
            return new String[] {"Explosions/Remote violence", "Shelling/artillery/missile attack"};
        }
        if (h.matches(".*(suicide).*")) {
            return new String[] {"Explosions/Remote violence", "Suicide bomb"};
        }
        if (h.matches(".*(car bomb|ied|explosive|landmine|mine |blast|explosion).*")) {
            return new String[] {"Explosions/Remote violence", "Remote explosive/landmine/IED"};
        }
        return new String[] {"Battles", "Armed clash"};
    }

    static int precisionMeters(long wherePrec) {
        return switch ((int) wherePrec) {
            case 1 -> 1_000;
            case 2 -> 25_000;
            case 3, 5 -> 50_000;
            case 4, 7 -> 100_000;
            default -> 400_000;
        };
    }

    private static String description(Map<String, String> row, String headline) {
        String place = blankToNull(row.get("where_coordinates"));
        String dyad = blankToNull(row.get("dyad_name"));
        StringBuilder text = new StringBuilder(headline.strip());
        if (place != null || dyad != null) {
            text.append(text.isEmpty() ? "" : " — ").append(place == null ? "" : place).append(place != null && dyad != null ? "; " : "")
                    .append(dyad == null ? "" : dyad);
        }
        return text.toString();
    }

    private static String startOf(Map<String, String> row, String column, int plusDays, Problems problems) {
        try {
            return LocalDate.parse(row.get(column).strip()).plusDays(plusDays).atStartOfDay(DAMASCUS).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            problems.add(column, "must be a date YYYY-MM-DD, got '" + row.get(column) + "'");
            return null;
        }
    }

    private static Double number(Map<String, String> row, String column, Problems problems) {
        try {
            double d = Double.parseDouble(row.get(column).strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(column, "must be a number, got '" + row.get(column) + "'");
            return null;
        }
    }

    private static Long integer(Map<String, String> row, String column, Problems problems) {
        try {
            return Long.parseLong(row.get(column).strip());
        } catch (NumberFormatException e) {
            problems.add(column, "must be an integer, got '" + row.get(column) + "'");
            return null;
        }
    }

    private static int parseIntOr(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
