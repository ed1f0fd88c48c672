/*
 * Truce, Copyright 2026 the Truce authors, licensed Apache-2.0.
 *
 * Checks the demo data files under src/main/resources/org/truce/demo/ and prints a summary:
 * JSON syntax, the documented field sets and enumerations, references between files, dates and
 * time zones, geometry validity (JTS) and RFC 7946 ring orientation, overlaps between the Aleppo
 * control areas of one period, the UCDP subset, cited UCDP event ids and the basemap size budget.
 *
 *   java -cp <jts-core, jackson jars> truce-demo/tools/VerifyDemoData.java [truce-demo-dir] [shared-data-dir] [domain.md]
 *
 * The last two arguments are optional: with the shared data folder the UCDP rows are compared with
 * the source file; with the domain research note every [KEY] cited must be one of its source keys.
 */

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.operation.valid.IsValidOp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public class VerifyDemoData {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);
  static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

  static final Set<String> ACTOR_KINDS = Set.of("STATE_FORCE", "ARMED_GROUP", "COALITION", "MILITIA", "HUMANITARIAN_AGENCY", "GUARANTOR", "INTERNATIONAL_BODY");
  static final Set<String> ALIGNMENTS = Set.of("government", "opposition", "kurdish", "jihadist", "turkey", "coalition", "humanitarian", "international");
  static final Set<String> RELATIONS = Set.of("member_of", "part_of", "backed_by", "allied_with");
  static final Set<String> LANGS = Set.of("en", "ar", "ru");
  static final Set<String> AGREEMENT_KINDS = Set.of("COH", "ARRANGEMENT", "REGIME_OF_CALM", "HUMANITARIAN_PAUSE", "LOCAL_TRUCE", "EVACUATION_DEAL");
  static final Set<String> OBLIGATIONS = Set.of("ADHERE", "UNSCR2254", "CEASE_ATTACKS", "NO_TERRITORY", "HUM_ACCESS", "PROPORTIONATE", "DETAINEES",
      "NO_ACTION_VS_ADHERENTS", "EXCHANGE_INFO", "JOINT_ASSESSMENT", "MIN_AVIATION", "CASTELLO_DMZ", "NO_FLY_DESIGNATED");
  static final Set<String> APPLIES = Set.of("ALL_PARTIES", "GOVERNMENT_SIDE", "ARMED_OPPOSITION", "GUARANTORS");
  static final Set<String> STATUSES = Set.of("ANNOUNCED", "ENDORSED", "IN_FORCE", "EXTENDED", "SUSPENDED", "DECLARED_OVER", "LAPSED", "SUPERSEDED");
  static final Set<String> LINE_KINDS = Set.of("RIVER", "ROAD", "DEMARCATION_LINE", "WITHDRAWAL_LINE");
  static final Set<String> CONFIDENCE = Set.of("high", "medium", "low");

  static final List<String> ACTOR_FIELDS = List.of("id", "name", "kind", "acled_inter", "alignment", "aliases", "renamings", "designations", "affiliations", "sources");
  static final List<String> AGREEMENT_FIELDS = List.of("id", "title", "kind", "legal_basis", "parent", "guarantors", "time_zone", "announced", "effective_from",
      "effective_until", "adherence_deadline", "scope", "excluded_actors", "excluded_designations", "obligations", "adherents", "lifecycle", "sources");
  static final List<String> AREA_FIELDS = List.of("id", "actor", "valid_from", "valid_to", "source", "confidence", "approximate", "composition", "note");
  static final List<String> ZONE_FIELDS = List.of("id", "name", "kind", "source");
  static final List<String> LINE_FIELDS = List.of("id", "name", "kind", "buffer_m", "source", "approximate");

  final Path dir;
  final List<String> errors = new ArrayList<>();
  final Map<String, JsonNode> actors = new LinkedHashMap<>();
  final Set<String> designationLists = new HashSet<>();
  final Map<String, Geometry> zones = new LinkedHashMap<>();
  final StringBuilder allText = new StringBuilder();
  final Map<String, Object> summary = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    Path module = Path.of(args.length > 0 ? args[0] : "truce-demo");
    VerifyDemoData v = new VerifyDemoData(module.resolve("src/main/resources/org/truce/demo"));
    v.run(args.length > 1 ? Path.of(args[1]) : null, args.length > 2 ? Path.of(args[2]) : null);
  }

  VerifyDemoData(Path dir) {
    this.dir = dir;
  }

  void run(Path shared, Path domain) throws IOException {
    actors();
    zones();
    agreements();
    areas();
    lines();
    incidents(shared);
    basemap();
    sourceKeys(domain);
    summary.forEach((k, v) -> System.out.printf("%-34s %s%n", k, v));
    if (errors.isEmpty()) {
      System.out.println("OK: no errors");
    } else {
      errors.forEach(e -> System.out.println("ERROR " + e));
      System.out.println(errors.size() + " error(s)");
      System.exit(1);
    }
  }

  void err(String fmt, Object... a) {
    errors.add(String.format(fmt, a));
  }

  JsonNode read(String rel) throws IOException {
    String text = Files.readString(dir.resolve(rel), StandardCharsets.UTF_8);
    allText.append(text).append('\n');
    if (!text.endsWith("\n")) err("%s: no final newline", rel);
    if (text.contains("\t")) err("%s: contains tabs", rel);
    return MAPPER.readTree(text);
  }

  void fields(String where, JsonNode n, List<String> expected) {
    List<String> got = new ArrayList<>();
    n.fieldNames().forEachRemaining(got::add);
    if (!got.equals(expected)) err("%s: fields %s, expected %s", where, got, expected);
  }

  static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }

  // ---------------------------------------------------------------------------------------------

  void actors() throws IOException {
    JsonNode doc = read("actors.json");
    if (!"truce-actors/1".equals(text(doc, "format"))) err("actors.json: format");
    if (!"Asia/Damascus".equals(text(doc, "time_zone"))) err("actors.json: time_zone must be Asia/Damascus");
    for (JsonNode a : doc.get("actors")) {
      String id = text(a, "id");
      if (actors.put(id, a) != null) err("actor %s: duplicate id", id);
      if (!SLUG.matcher(id).matches()) err("actor %s: id is not a slug", id);
    }
    for (JsonNode a : doc.get("actors")) {
      String id = text(a, "id");
      fields("actor " + id, a, ACTOR_FIELDS);
      if (!ACTOR_KINDS.contains(text(a, "kind"))) err("actor %s: kind", id);
      int inter = a.get("acled_inter").asInt();
      if (!a.get("acled_inter").isInt() || inter < 1 || inter > 8) err("actor %s: acled_inter", id);
      if (!ALIGNMENTS.contains(text(a, "alignment"))) err("actor %s: alignment", id);
      Set<String> names = new HashSet<>();
      for (JsonNode al : a.get("aliases")) {
        if (!names.add(text(al, "name") + "|" + text(al, "lang"))) err("actor %s: duplicate alias %s", id, text(al, "name"));
        if (!LANGS.contains(text(al, "lang"))) err("actor %s: alias lang %s", id, text(al, "lang"));
        for (String f : List.of("valid_from", "valid_to")) if (al.has(f) && !date(text(al, f))) err("actor %s: alias %s %s", id, f, text(al, f));
        al.fieldNames().forEachRemaining(f -> { if (!Set.of("name", "lang", "valid_from", "valid_to").contains(f)) err("actor %s: alias field %s", id, f); });
      }
      for (JsonNode r : a.get("renamings")) {
        fields("actor " + id + " renaming", r, List.of("name", "on", "source"));
        if (!date(text(r, "on"))) err("actor %s: renaming date", id);
        boolean alias = false;
        for (JsonNode al : a.get("aliases")) alias |= text(al, "name").equals(text(r, "name")) && text(r, "on").equals(text(al, "valid_from"));
        if (!alias) err("actor %s: renamed name is not an alias with valid_from", id);
      }
      for (JsonNode d : a.get("designations")) {
        fields("actor " + id + " designation", d, List.of("list", "from", "to", "source"));
        designationLists.add(text(d, "list"));
        for (String f : List.of("from", "to")) if (text(d, f) != null && !date(text(d, f))) err("actor %s: designation %s", id, f);
      }
      for (JsonNode f : a.get("affiliations")) {
        fields("actor " + id + " affiliation", f, List.of("actor", "relation", "from", "to", "source"));
        if (!actors.containsKey(text(f, "actor"))) err("actor %s: affiliation to unknown actor %s", id, text(f, "actor"));
        if (!RELATIONS.contains(text(f, "relation"))) err("actor %s: relation %s", id, text(f, "relation"));
        if (text(f, "from") != null && text(f, "to") != null && text(f, "from").compareTo(text(f, "to")) >= 0) err("actor %s: affiliation dates", id);
      }
      if (a.get("sources").isEmpty()) err("actor %s: no sources", id);
    }
    summary.put("actors", actors.size());
  }

  static boolean date(String s) {
    if (s == null || !DATE.matcher(s).matches()) return false;
    try { LocalDate.parse(s); return true; } catch (Exception e) { return false; }
  }

  static LocalDateTime dateTime(String s) {
    if (s == null || !DATETIME.matcher(s).matches()) return null;
    try { return LocalDateTime.parse(s); } catch (Exception e) { return null; }
  }

  // ---------------------------------------------------------------------------------------------

  void zones() throws IOException {
    JsonNode fc = read("zones.geojson");
    for (JsonNode f : features("zones.geojson", fc)) {
      JsonNode p = f.get("properties");
      fields("zone " + text(p, "id"), p, ZONE_FIELDS);
      if (!"SCOPE".equals(text(p, "kind"))) err("zone %s: kind", text(p, "id"));
      Geometry g = polygonal("zone " + text(p, "id"), f.get("geometry"), 6);
      zones.put(text(p, "id"), g);
    }
    if (zones.containsKey("syria") && zones.get("syria").getNumPoints() > 2000) err("zone syria: more than 2000 vertices");
    summary.put("zones", zones.keySet() + ", syria vertices " + zones.get("syria").getNumPoints());
  }

  // ---------------------------------------------------------------------------------------------

  void agreements() throws IOException {
    JsonNode doc = read("agreements.json");
    if (!"truce-agreements/1".equals(text(doc, "format"))) err("agreements.json: format");
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode a : doc.get("agreements")) if (byId.put(text(a, "id"), a) != null) err("agreement %s: duplicate", text(a, "id"));
    for (JsonNode a : doc.get("agreements")) {
      String id = text(a, "id");
      fields("agreement " + id, a, AGREEMENT_FIELDS);
      if (!SLUG.matcher(id).matches()) err("agreement %s: id", id);
      if (!AGREEMENT_KINDS.contains(text(a, "kind"))) err("agreement %s: kind", id);
      if (text(a, "parent") != null && !byId.containsKey(text(a, "parent"))) err("agreement %s: unknown parent", id);
      Set<String> guarantors = new HashSet<>();
      for (JsonNode g : a.get("guarantors")) {
        guarantors.add(g.asText());
        if (!actors.containsKey(g.asText())) err("agreement %s: unknown guarantor %s", id, g.asText());
      }
      ZoneId zone;
      try { zone = ZoneId.of(text(a, "time_zone")); } catch (Exception e) { err("agreement %s: time zone", id); continue; }
      if (text(a, "announced") != null && !date(text(a, "announced"))) err("agreement %s: announced", id);
      LocalDateTime from = dateTime(text(a, "effective_from"));
      if (from == null) err("agreement %s: effective_from", id);
      if (text(a, "effective_until") != null) {
        LocalDateTime until = dateTime(text(a, "effective_until"));
        if (until == null || from == null || !until.isAfter(from)) err("agreement %s: effective_until", id);
      }
      if (text(a, "adherence_deadline") != null) {
        LocalDateTime dl = dateTime(text(a, "adherence_deadline"));
        if (dl == null || from == null || !dl.isBefore(from)) err("agreement %s: adherence_deadline", id);
      }
      if (text(a, "announced") != null && from != null && LocalDate.parse(text(a, "announced")).isAfter(from.toLocalDate())) err("agreement %s: announced after effective_from", id);
      fields("agreement " + id + " scope", a.get("scope"), List.of("zone"));
      if (!zones.containsKey(text(a.get("scope"), "zone"))) err("agreement %s: unknown zone", id);
      for (JsonNode x : a.get("excluded_actors")) if (!actors.containsKey(x.asText())) err("agreement %s: unknown excluded actor %s", id, x.asText());
      for (JsonNode x : a.get("excluded_designations")) if (!designationLists.contains(x.asText())) err("agreement %s: designation list %s not used by any actor", id, x.asText());
      for (JsonNode o : a.get("obligations")) {
        fields("agreement " + id + " obligation", o, List.of("code", "text", "applies_to", "source"));
        if (!OBLIGATIONS.contains(text(o, "code"))) err("agreement %s: obligation code %s", id, text(o, "code"));
        if (!APPLIES.contains(text(o, "applies_to"))) err("agreement %s: applies_to %s", id, text(o, "applies_to"));
      }
      for (JsonNode ad : a.get("adherents")) {
        fields("agreement " + id + " adherent", ad, List.of("actor", "declared_to", "declared_at", "source"));
        if (!actors.containsKey(text(ad, "actor"))) err("agreement %s: unknown adherent", id);
        if (!guarantors.contains(text(ad, "declared_to"))) err("agreement %s: adherent declared to a non-guarantor", id);
        String at = text(ad, "declared_at");
        if (!date(at) && dateTime(at) == null) err("agreement %s: declared_at %s", id, at);
      }
      String prev = null;
      for (JsonNode l : a.get("lifecycle")) {
        fields("agreement " + id + " lifecycle", l, List.of("status", "at", "by", "note", "source"));
        if (!STATUSES.contains(text(l, "status"))) err("agreement %s: status %s", id, text(l, "status"));
        if (dateTime(text(l, "at")) == null) err("agreement %s: lifecycle at %s", id, text(l, "at"));
        if (text(l, "by") != null && !actors.containsKey(text(l, "by"))) err("agreement %s: lifecycle by %s", id, text(l, "by"));
        if (prev != null && text(l, "at").compareTo(prev) < 0) err("agreement %s: lifecycle not in time order", id);
        prev = text(l, "at");
      }
      if (a.get("sources").isEmpty()) err("agreement %s: no sources", id);
    }
    JsonNode coh = byId.get("coh-2016-02");
    JsonNode sep = byId.get("arrangement-2016-09");
    summary.put("agreements", byId.size() + " " + byId.keySet());
    summary.put("CoH in force (UTC)", utc(coh, "effective_from"));
    summary.put("CoH adherence deadline (UTC)", utc(coh, "adherence_deadline"));
    summary.put("Sept arrangement Day D (UTC)", utc(sep, "effective_from"));
    if (!utc(coh, "effective_from").equals("2016-02-26T22:00Z")) err("CoH start is not 22:00 UTC on 26 Feb");
    if (!utc(sep, "effective_from").equals("2016-09-12T16:00Z")) err("Day D is not 16:00 UTC on 12 Sep");
  }

  static String utc(JsonNode a, String field) {
    return LocalDateTime.parse(text(a, field)).atZone(ZoneId.of(text(a, "time_zone"))).withZoneSameInstant(ZoneOffset.UTC).toOffsetDateTime().toString();
  }

  // ---------------------------------------------------------------------------------------------

  record Area(String id, String actor, String from, String to, Geometry g, JsonNode props) {}

  void areas() throws IOException {
    JsonNode fc = read("areas.geojson");
    if (!"Asia/Damascus".equals(text(fc, "time_zone"))) err("areas.geojson: time_zone must be Asia/Damascus");
    List<Area> list = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, Integer> perPlace = new TreeMap<>();
    for (JsonNode f : features("areas.geojson", fc)) {
      JsonNode p = f.get("properties");
      String id = text(p, "id");
      fields("area " + id, p, AREA_FIELDS);
      if (!ids.add(id)) err("area %s: duplicate id", id);
      if (!actors.containsKey(text(p, "actor"))) err("area %s: unknown actor %s", id, text(p, "actor"));
      String from = text(p, "valid_from"), to = text(p, "valid_to");
      if (!date(from) && dateTime(from) == null) err("area %s: valid_from", id);
      if (to != null && (!date(to) && dateTime(to) == null || to.compareTo(from) <= 0)) err("area %s: valid_to %s not after valid_from %s", id, to, from);
      if (!CONFIDENCE.contains(text(p, "confidence"))) err("area %s: confidence", id);
      if (!p.get("approximate").asBoolean(false)) err("area %s: approximate must be true", id);
      JsonNode comp = p.get("composition");
      List<String> keys = new ArrayList<>();
      comp.fieldNames().forEachRemaining(keys::add);
      if (keys.size() != 1 || !Set.of("neighbourhood_pcodes", "subdistrict_pcodes", "district_pcodes").contains(keys.get(0)) || comp.get(keys.get(0)).isEmpty())
        err("area %s: composition", id);
      if (!"MultiPolygon".equals(text(f.get("geometry"), "type"))) err("area %s: geometry is not a MultiPolygon", id);
      Geometry g = polygonal("area " + id, f.get("geometry"), 6);
      list.add(new Area(id, text(p, "actor"), from, to, g, p));
      String place = "other";
      for (String pre : List.of("aleppo", "jarablus", "manbij", "al-bab", "palmyra")) if (id.startsWith(pre + "-")) place = pre;
      perPlace.merge(place, 1, Integer::sum);
    }
    // Aleppo: no overlap between the sides within one period, except the declared mixed feature
    double maxOverlap = 0;
    int pairs = 0;
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        Area a = list.get(i), b = list.get(j);
        if (!a.id.startsWith("aleppo-") || !b.id.startsWith("aleppo-")) continue;
        if (!overlaps(a, b)) continue;
        boolean mixedPair = a.actor.equals("jabhat-al-nusra") || b.actor.equals("jabhat-al-nusra");
        double area = a.g.intersection(b.g).getArea();
        if (mixedPair) {
          if (a.actor.equals("jabhat-al-nusra") ^ b.actor.equals("jabhat-al-nusra")) {
            Area base = a.actor.equals("jabhat-al-nusra") ? b : a;
            Area mixed = a.actor.equals("jabhat-al-nusra") ? a : b;
            if (base.actor.equals("fatah-halab") && base.from.equals(mixed.from) && base.g.symDifference(mixed.g).getArea() > 1e-12)
              err("mixed area %s differs from %s", mixed.id, base.id);
          }
          continue;
        }
        pairs++;
        maxOverlap = Math.max(maxOverlap, area);
        if (area > 1e-9) err("areas %s and %s overlap (%.3g square degrees)", a.id, b.id, area);
      }
    }
    // same-actor features of one place must not overlap in time
    for (int i = 0; i < list.size(); i++) for (int j = i + 1; j < list.size(); j++) {
      Area a = list.get(i), b = list.get(j);
      if (a.actor.equals(b.actor) && overlaps(a, b) && a.g.intersection(b.g).getArea() > 1e-9) err("areas %s and %s: same actor, overlapping periods", a.id, b.id);
    }
    // per date: share of Aleppo city covered by the government / opposition / YPG features
    Geometry city = zones.get("aleppo-city");
    StringBuilder cover = new StringBuilder();
    for (String d : List.of("2016-03-01", "2016-08-20", "2016-09-20", "2016-11-30", "2016-12-10", "2016-12-15", "2016-12-25")) {
      List<Geometry> gs = new ArrayList<>();
      double east = 0;
      for (Area a : list) {
        if (!a.id.startsWith("aleppo-") || a.actor.equals("jabhat-al-nusra") || !valid(a, d)) continue;
        gs.add(a.g);
        if (a.actor.equals("fatah-halab")) east += a.g.getArea();
      }
      double covered = UnaryUnionOp.union(gs).getArea() / city.getArea();
      cover.append(String.format("%s %.1f%% (east %.1f%%)  ", d, 100 * covered, 100 * east / city.getArea()));
      if (covered < 0.999) err("Aleppo sides cover only %.3f of the city on %s", covered, d);
    }
    summary.put("areas", list.size() + " " + perPlace);
    summary.put("Aleppo side pairs checked", pairs + ", max overlap " + String.format("%.2g", maxOverlap) + " square degrees");
    summary.put("Aleppo coverage", cover.toString().trim());
  }

  static boolean overlaps(Area a, Area b) {
    String aTo = a.to == null ? "9999" : a.to, bTo = b.to == null ? "9999" : b.to;
    return a.from.compareTo(bTo) < 0 && b.from.compareTo(aTo) < 0;
  }

  static boolean valid(Area a, String d) {
    return a.from.compareTo(d) <= 0 && (a.to == null || d.compareTo(a.to) < 0);
  }

  // ---------------------------------------------------------------------------------------------

  void lines() throws IOException {
    JsonNode fc = read("lines.geojson");
    List<String> ids = new ArrayList<>();
    for (JsonNode f : features("lines.geojson", fc)) {
      JsonNode p = f.get("properties");
      List<String> got = new ArrayList<>();
      p.fieldNames().forEachRemaining(got::add);
      List<String> expected = new ArrayList<>(LINE_FIELDS);
      if (got.contains("note")) expected.add("note");
      if (!got.equals(expected)) err("line %s: fields %s", text(p, "id"), got);
      if (!LINE_KINDS.contains(text(p, "kind"))) err("line %s: kind", text(p, "id"));
      if (!p.get("buffer_m").isNull() && !p.get("buffer_m").isNumber()) err("line %s: buffer_m", text(p, "id"));
      Geometry g = geometry(f.get("geometry"));
      if (!(g instanceof LineString) && !g.getGeometryType().equals("MultiLineString")) err("line %s: geometry type", text(p, "id"));
      if (!g.isValid()) err("line %s: invalid", text(p, "id"));
      decimals("line " + text(p, "id"), f.get("geometry").get("coordinates"), 6);
      ids.add(text(p, "id"));
    }
    summary.put("lines", ids.size() + " " + ids);
  }

  // ---------------------------------------------------------------------------------------------

  void incidents(Path shared) throws IOException {
    String text = Files.readString(dir.resolve("incidents-ucdp.csv"), StandardCharsets.UTF_8);
    List<String> records = records(text);
    String header = records.get(0);
    List<String> cols = fieldsOf(header);
    if (cols.size() != 41 || !cols.get(0).equals("id") || !cols.get(32).equals("date_start")) err("incidents: header");
    Set<String> ids = new HashSet<>();
    String prevKey = "";
    Map<String, Integer> months = new TreeMap<>();
    for (String r : records.subList(1, records.size())) {
      List<String> f = fieldsOf(r);
      if (f.size() != cols.size()) err("incidents: row with %d fields", f.size());
      String key = f.get(32) + String.format("%012d", Long.parseLong(f.get(0)));
      if (key.compareTo(prevKey) < 0) err("incidents: not sorted at %s", f.get(0));
      prevKey = key;
      if (!ids.add(f.get(0))) err("incidents: duplicate id %s", f.get(0));
      months.merge(f.get(32).substring(0, 7), 1, Integer::sum);
    }
    if (ids.size() < 250) err("incidents: only %d rows", ids.size());
    if (shared != null) {
      String src = Files.readString(shared.resolve("events/ucdp_ged_syria_2016/ucdp_ged_syria_2016.csv"), StandardCharsets.UTF_8);
      List<String> srcRecords = records(src);
      if (!srcRecords.get(0).equals(header)) err("incidents: header differs from the UCDP file");
      Set<String> srcSet = new HashSet<>(srcRecords);
      for (String r : records.subList(1, records.size())) if (!srcSet.contains(r)) err("incidents: row not byte-identical to the source: %s", r.substring(0, 20));
    }
    // every UCDP event cited anywhere must be in the subset
    Set<String> cited = new TreeSet<>();
    String docs = allText + Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher num = Pattern.compile("\\b(2\\d{5}|3\\d{5})\\b").matcher(docs);
    while (num.find()) {
      int s = Math.max(0, num.start() - 200);
      if (docs.substring(s, num.start()).contains("UCDP")) cited.add(num.group(1));
    }
    for (String c : cited) if (!ids.contains(c)) err("cited UCDP event %s is not in incidents-ucdp.csv", c);
    summary.put("incidents (UCDP rows)", ids.size() + ", cited events " + cited.size() + " all present; per month " + months);
  }

  /** RFC-4180 records (raw text, quotes respected). */
  static List<String> records(String text) {
    List<String> out = new ArrayList<>();
    boolean inside = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') inside = !inside;
      else if (c == '\n' && !inside) { out.add(text.substring(start, i + 1)); start = i + 1; }
    }
    if (start < text.length()) out.add(text.substring(start));
    return out;
  }

  static List<String> fieldsOf(String record) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inside = false;
    String r = record.endsWith("\n") ? record.substring(0, record.length() - 1) : record;
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (inside) {
        if (c == '"' && i + 1 < r.length() && r.charAt(i + 1) == '"') { cur.append('"'); i++; }
        else if (c == '"') inside = false;
        else cur.append(c);
      } else if (c == '"') inside = true;
      else if (c == ',') { out.add(cur.toString()); cur.setLength(0); }
      else cur.append(c);
    }
    out.add(cur.toString());
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  void basemap() throws IOException {
    long total = 0;
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir.resolve("basemap"))) {
      for (Path p : s.sorted().toList()) {
        total += Files.size(p);
        String rel = "basemap/" + p.getFileName();
        JsonNode fc = read(rel);
        int n = 0;
        for (JsonNode f : features(rel, fc)) {
          n++;
          JsonNode g = f.get("geometry");
          String t = text(g, "type");
          if (t.endsWith("Polygon")) polygonal(rel, g, 5);
          else {
            Geometry geom = geometry(g);
            if (!geom.isValid()) err("%s: invalid geometry", rel);
            decimals(rel, g.get("coordinates"), 5);
          }
          if (!f.get("properties").has("source")) err("%s: feature without source", rel);
        }
        counts.put(p.getFileName().toString(), n);
      }
    }
    if (counts.getOrDefault("governorates.geojson", 0) != 14) err("basemap: governorates count");
    if (total > 400 * 1024) err("basemap: %d bytes, over 400 KB", total);
    summary.put("basemap", counts + ", " + (total / 1024) + " KB");
  }

  // ---------------------------------------------------------------------------------------------

  void sourceKeys(Path domain) throws IOException {
    Set<String> cited = new TreeSet<>();
    String docs = allText + Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\\[([A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)*)\\]").matcher(docs);
    while (m.find()) if (!m.group(1).equals("KEY")) cited.add(m.group(1));
    if (domain == null) {
      summary.put("source keys cited", cited.size() + " (not checked: no domain research note given)");
      return;
    }
    Set<String> known = new HashSet<>();
    boolean inF = false;
    for (String line : Files.readAllLines(domain, StandardCharsets.UTF_8)) {
      if (line.startsWith("## (f)")) inF = true;
      else if (line.startsWith("## ")) inF = false;
      if (!inF || !line.startsWith("| ")) continue;
      String cell = line.substring(2, line.indexOf('|', 2)).trim();
      for (String k : cell.split("/")) known.add(k.trim());
    }
    for (String c : cited) if (!known.contains(c)) err("source key [%s] is not in the domain research note", c);
    summary.put("source keys cited", cited.size() + ", all resolved in " + domain.getFileName());
  }

  // ---------------------------------------------------------------------------------------------

  List<JsonNode> features(String where, JsonNode fc) {
    if (!"FeatureCollection".equals(text(fc, "type"))) err("%s: not a FeatureCollection", where);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : fc.get("features")) {
      if (!"Feature".equals(text(f, "type")) || !f.has("properties") || !f.has("geometry")) err("%s: malformed feature", where);
      out.add(f);
    }
    return out;
  }

  Geometry polygonal(String where, JsonNode g, int maxDecimals) {
    Geometry geom = geometry(g);
    IsValidOp op = new IsValidOp(geom);
    if (!op.isValid()) err("%s: invalid geometry: %s", where, op.getValidationError());
    for (int i = 0; i < geom.getNumGeometries(); i++) {
      Polygon p = (Polygon) geom.getGeometryN(i);
      if (!Orientation.isCCW(p.getExteriorRing().getCoordinates())) err("%s: exterior ring not counter-clockwise", where);
      for (int h = 0; h < p.getNumInteriorRing(); h++)
        if (Orientation.isCCW(p.getInteriorRingN(h).getCoordinates())) err("%s: hole not clockwise", where);
    }
    decimals(where, g.get("coordinates"), maxDecimals);
    checkRange(where, geom);
    return geom;
  }

  void checkRange(String where, Geometry g) {
    var e = g.getEnvelopeInternal();
    if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) err("%s: coordinates out of range", where);
  }

  void decimals(String where, JsonNode coords, int max) {
    if (coords.isNumber()) {
      String s = coords.decimalValue().toPlainString();
      int dot = s.indexOf('.');
      if (dot >= 0 && s.length() - dot - 1 > max) err("%s: coordinate %s has more than %d decimals", where, s, max);
      return;
    }
    for (JsonNode c : coords) decimals(where, c, max);
  }

  static Geometry geometry(JsonNode g) {
    JsonNode c = g.get("coordinates");
    switch (g.get("type").asText()) {
      case "Point": return GF.createPoint(coord(c));
      case "LineString": return GF.createLineString(coords(c));
      case "MultiLineString": {
        LineString[] ls = new LineString[c.size()];
        for (int i = 0; i < c.size(); i++) ls[i] = GF.createLineString(coords(c.get(i)));
        return GF.createMultiLineString(ls);
      }
      case "Polygon": return polygon(c);
      case "MultiPolygon": {
        Polygon[] ps = new Polygon[c.size()];
        for (int i = 0; i < c.size(); i++) ps[i] = polygon(c.get(i));
        return GF.createMultiPolygon(ps);
      }
      default: throw new IllegalArgumentException(g.get("type").asText());
    }
  }

  static Polygon polygon(JsonNode rings) {
    LinearRing shell = GF.createLinearRing(coords(rings.get(0)));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) holes[i - 1] = GF.createLinearRing(coords(rings.get(i)));
    return GF.createPolygon(shell, holes);
  }

  static Coordinate coord(JsonNode c) {
    return new Coordinate(c.get(0).asDouble(), c.get(1).asDouble());
  }

  static Coordinate[] coords(JsonNode a) {
    Coordinate[] out = new Coordinate[a.size()];
    for (int i = 0; i < a.size(); i++) out[i] = coord(a.get(i));
    return out;
  }
}
