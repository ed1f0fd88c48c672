/*
 * Truce, Copyright 2026 the Truce authors, licensed Apache-2.0.
 *
 * Generates the geometry files of the demo scenario from the shared third-party data folder:
 *   zones.geojson, areas.geojson, lines.geojson and basemap/*.geojson
 * under src/main/resources/org/truce/demo/. See tools/README.md.
 *
 * Run (JDK 25 single-file launcher), from the repository root:
 *   java -cp jts-core-1.20.0.jar:jackson-databind.jar:jackson-core.jar:jackson-annotations.jar \
 *        truce-demo/tools/BuildDemoData.java <shared-data-dir> [truce-demo-dir]
 */

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

public class BuildDemoData {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);

  static final String OCHA_ADMIN = "UN OCHA / HDX, Syrian Arab Republic - Administrative Boundaries (COD-AB, update 2016-09-05), CC BY 3.0 IGO";
  static final String OCHA_NEIGH = "UN OCHA / HDX, Syrian Arab Republic city neighbourhoods (update 2016-09-05), CC BY 3.0 IGO";
  static final String NATURAL_EARTH = "Natural Earth, ne_50m_rivers_lake_centerlines (public domain)";
  static final String GEONAMES = "GeoNames (geonames.org), cities500, CC BY 4.0";
  static final String GEO_MAPS = "geo-maps countries-land-10km 0.6.0 (simonepri/geo-maps), derived from OpenStreetMap, (c) OpenStreetMap contributors, ODbL 1.0";

  Path shared;
  Path resources;
  JsonNode spec;
  Map<String, Geometry> neighbourhoods = new TreeMap<>();
  Map<String, JsonNode> neighbourhoodProps = new TreeMap<>();
  Map<String, Geometry> subdistricts = new TreeMap<>();
  Geometry castello;

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "/work/shared/data");
    Path module = Path.of(args.length > 1 ? args[1] : "truce-demo");
    new BuildDemoData(shared, module).run();
  }

  BuildDemoData(Path shared, Path module) throws IOException {
    this.shared = shared;
    this.resources = module.resolve("src/main/resources/org/truce/demo");
    this.spec = MAPPER.readTree(module.resolve("tools/areas-spec.json").toFile());
  }

  void run() throws IOException {
    Files.createDirectories(resources.resolve("basemap"));
    for (JsonNode f : read("geo/city_neighbourhoods_ocha/aleppo_city_neighbourhoods.geojson").get("features")) {
      String pcode = f.get("properties").get("PCODE").asText();
      neighbourhoods.put(pcode, geometry(f.get("geometry")));
      neighbourhoodProps.put(pcode, f.get("properties"));
    }
    for (JsonNode f : read("geo/admin_boundaries_ocha/syr_admin3_subdistricts.geojson").get("features")) {
      subdistricts.put(f.get("properties").get("PCODE").asText(), geometry(f.get("geometry")));
    }
    zones();
    lines();
    areas();
    basemap();
  }

  // ---------------------------------------------------------------------------------------------
  // zones.geojson

  void zones() throws IOException {
    Geometry admin0 = geometry(read("geo/admin_boundaries_ocha/syr_admin0_country.geojson").get("features").get(0).get("geometry"));
    Geometry syria = simplifyToVertices(admin0, 2000);
    Geometry aleppo = cityUnion();
    Geometry latakia = null;
    for (JsonNode f : read("geo/admin_boundaries_ocha/syr_admin1_governorates.geojson").get("features")) {
      if (f.get("properties").get("PCODE").asText().equals("SY06")) latakia = geometry(f.get("geometry"));
    }
    ArrayNode features = JSON.arrayNode();
    features.add(feature(zoneProps("syria", "Syrian Arab Republic",
        OCHA_ADMIN + ": admin0 country polygon, simplified (topology-preserving) to at most 2,000 vertices"), polygonal(syria, 6)));
    features.add(feature(zoneProps("aleppo-city", "Aleppo city",
        OCHA_NEIGH + ": union of the 109 Aleppo neighbourhood polygons (ADM4_PCODE C1007)"), polygonal(aleppo, 6)));
    features.add(feature(zoneProps("latakia-governorate", "Lattakia governorate",
        OCHA_ADMIN + ": admin1 polygon SY06"), polygonal(latakia, 6)));
    features.add(feature(zoneProps("aleppo-city-and-latakia", "Aleppo city and Lattakia governorate",
        OCHA_NEIGH + "; " + OCHA_ADMIN + ": aleppo-city plus latakia-governorate; scope of the 7 May 2016 extension of the regime of calm, which covered parts of Latakia ([FINTRIB]); the whole governorate is used as an approximation"),
        polygonal(aleppo.union(latakia), 6)));
    write("zones.geojson", featureCollection(features));
    System.out.printf("zones: syria %d vertices, aleppo-city %d, latakia %d%n",
        syria.getNumPoints(), aleppo.getNumPoints(), latakia.getNumPoints());
  }

  ObjectNode zoneProps(String id, String name, String source) {
    ObjectNode p = JSON.objectNode();
    p.put("id", id);
    p.put("name", name);
    p.put("kind", "SCOPE");
    p.put("source", source);
    return p;
  }

  /** Union of the 109 neighbourhoods; sliver holes between imperfectly matching polygons are closed. */
  Geometry cityUnion() {
    Geometry u = UnaryUnionOp.union(new ArrayList<>(neighbourhoods.values()));
    return dropSliverHoles(u, 2e-7);
  }

  static Geometry dropSliverHoles(Geometry g, double maxArea) {
    List<Polygon> out = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      List<LinearRing> holes = new ArrayList<>();
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        LinearRing ring = p.getInteriorRingN(h);
        if (GF.createPolygon(ring).getArea() > maxArea) holes.add(ring);
      }
      out.add(GF.createPolygon(p.getExteriorRing(), holes.toArray(new LinearRing[0])));
    }
    return GF.buildGeometry(out);
  }

  static Geometry simplifyToVertices(Geometry g, int maxVertices) {
    double tol = 0.0001;
    while (true) {
      Geometry s = TopologyPreservingSimplifier.simplify(g, tol);
      if (s.getNumPoints() <= maxVertices) return s;
      tol *= 1.1;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // lines.geojson

  void lines() throws IOException {
    ArrayNode features = JSON.arrayNode();
    List<LineString> euphrates = new ArrayList<>();
    for (JsonNode f : read("geo/rivers_natural_earth/euphrates_ne50m.geojson").get("features")) {
      addLines(geometry(f.get("geometry")), euphrates);
    }
    ObjectNode p = JSON.objectNode();
    p.put("id", "euphrates");
    p.put("name", "Euphrates");
    p.put("kind", "RIVER");
    p.putNull("buffer_m");
    p.put("source", NATURAL_EARTH + ": the five Euphrates features (Wikidata Q34589: river and lake centre-lines in Turkey, Syria and Iraq), merged");
    p.put("approximate", true);
    features.add(feature(p, lineal(GF.createMultiLineString(euphrates.toArray(new LineString[0])), 6)));

    castello = castelloRoad();
    ObjectNode c = JSON.objectNode();
    c.put("id", "castello-road");
    c.put("name", "Castello Road");
    c.put("kind", "ROAD");
    c.put("buffer_m", 3500);
    c.put("source", "[ALJUMHURIYA]; [ACU]; [WIKI-JulOff] (Jandoul roundabout to Layramoun roundabout); buffer: heavy-weapons pull-back distance of the Sept 2016 arrangement [ALALAM-1862195]; line drawn on " + OCHA_NEIGH);
    c.put("approximate", true);
    c.put("note", "Approximate: drawn as the upper convex envelope of the northern city edge formed by the OCHA Rasafeh, Youth Housing (Bani Zaid) and Ash-Sheikh Maqsoud neighbourhood polygons, from the northernmost point they share with Alleramoon (taken as the Layramoun roundabout) to the northernmost point they share with Ayn At-Tal (taken as the Jandoul roundabout); the real road runs a little further north in places and errors of several hundred metres are likely. buffer_m 3500 is the distance tanks, artillery, mortars and APCs had to keep from the road.");
    features.add(feature(c, lineal(castello, 6)));
    write("lines.geojson", featureCollection(features));
    System.out.printf("lines: euphrates %d vertices, castello %d vertices, %.1f km%n",
        euphrates.stream().mapToInt(Geometry::getNumPoints).sum(), castello.getNumPoints(), lengthKm(castello));
  }

  static void addLines(Geometry g, List<LineString> out) {
    for (int i = 0; i < g.getNumGeometries(); i++) out.add((LineString) g.getGeometryN(i));
  }

  Geometry castelloRoad() {
    Geometry north = UnaryUnionOp.union(List.of(neighbourhoods.get("N0124"), neighbourhoods.get("N0119"), neighbourhoods.get("N0123")));
    Polygon p = (Polygon) largest(north);
    Coordinate[] ring = p.getExteriorRing().getCoordinates();
    int n = ring.length - 1;
    int west = junction(ring, neighbourhoods.get("N0121"));
    int east = junction(ring, neighbourhoods.get("N0120"));
    List<Coordinate> a = walk(ring, n, west, east, 1);
    List<Coordinate> b = walk(ring, n, west, east, -1);
    List<Coordinate> path = meanLat(a) > meanLat(b) ? a : b;
    return GF.createLineString(upperHull(path).toArray(new Coordinate[0]));
  }

  /** Upper convex chain of a west-to-east vertex path (monotone chain), from its first to its last vertex. */
  static List<Coordinate> upperHull(List<Coordinate> path) {
    List<Coordinate> pts = new ArrayList<>(path);
    pts.sort((u, v) -> Double.compare(u.x, v.x));
    List<Coordinate> hull = new ArrayList<>();
    for (Coordinate c : pts) {
      while (hull.size() >= 2 && cross(hull.get(hull.size() - 2), hull.get(hull.size() - 1), c) >= 0) hull.remove(hull.size() - 1);
      hull.add(c);
    }
    return hull;
  }

  static double cross(Coordinate o, Coordinate a, Coordinate b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  }

  /** Northernmost ring vertex lying on the boundary of the other polygon. */
  static int junction(Coordinate[] ring, Geometry other) {
    Geometry boundary = other.getBoundary();
    int best = -1;
    for (int i = 0; i < ring.length - 1; i++) {
      if (boundary.distance(GF.createPoint(ring[i])) < 1e-6 && (best < 0 || ring[i].y > ring[best].y)) best = i;
    }
    if (best < 0) throw new IllegalStateException("no junction found");
    return best;
  }

  static List<Coordinate> walk(Coordinate[] ring, int n, int from, int to, int step) {
    List<Coordinate> out = new ArrayList<>();
    int i = from;
    out.add(ring[i]);
    while (i != to) {
      i = ((i + step) % n + n) % n;
      out.add(ring[i]);
    }
    return out;
  }

  static double meanLat(List<Coordinate> cs) {
    return cs.stream().mapToDouble(c -> c.y).average().orElse(0);
  }

  static Geometry largest(Geometry g) {
    Geometry best = null;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      if (best == null || g.getGeometryN(i).getArea() > best.getArea()) best = g.getGeometryN(i);
    }
    return best;
  }

  static double lengthKm(Geometry line) {
    double km = 0;
    Coordinate[] c = line.getCoordinates();
    for (int i = 1; i < c.length; i++) km += haversineKm(c[i - 1], c[i]);
    return km;
  }

  static double haversineKm(Coordinate a, Coordinate b) {
    double r = 6371.0088, p1 = Math.toRadians(a.y), p2 = Math.toRadians(b.y);
    double dp = p2 - p1, dl = Math.toRadians(b.x - a.x);
    double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * r * Math.asin(Math.sqrt(h));
  }

  // ---------------------------------------------------------------------------------------------
  // areas.geojson

  void areas() throws IOException {
    ArrayNode features = JSON.arrayNode();
    JsonNode aleppo = spec.get("aleppo");
    JsonNode sides = aleppo.get("sides");
    JsonNode changes = aleppo.get("changes");
    String start = spec.get("scenario_start").asText();

    // All dates at which any neighbourhood changes status.
    TreeSet<String> dates = new TreeSet<>();
    for (Iterator<JsonNode> it = aleppo.get("neighbourhoods").elements(); it.hasNext(); ) {
      for (JsonNode e : it.next().get("timeline")) dates.add(e.get(1).asText());
    }
    List<String> bounds = new ArrayList<>(dates);

    StringBuilder md = new StringBuilder();
    for (Iterator<String> it = sides.fieldNames(); it.hasNext(); ) {
      String side = it.next();
      JsonNode sd = sides.get(side);
      // consecutive periods with the same composition are merged into one feature
      List<String[]> periods = new ArrayList<>();
      List<List<String>> comps = new ArrayList<>();
      for (int i = 0; i < bounds.size(); i++) {
        String from = bounds.get(i);
        String to = i + 1 < bounds.size() ? bounds.get(i + 1) : null;
        List<String> comp = composition(aleppo.get("neighbourhoods"), side, from);
        if (!comps.isEmpty() && comps.get(comps.size() - 1).equals(comp)) {
          periods.get(periods.size() - 1)[1] = to;
        } else {
          periods.add(new String[] {from, to});
          comps.add(comp);
        }
      }
      for (int i = 0; i < periods.size(); i++) {
        List<String> comp = comps.get(i);
        if (comp.isEmpty()) continue;
        String from = periods.get(i)[0], to = periods.get(i)[1];
        String source = sd.get("source").asText() + periodSource(changes, from, to, start);
        features.add(areaFeature(sd.get("id").asText() + "-" + from, sd.get("actor").asText(), from, to, source,
            sd.get("confidence").asText(), comp, sd.get("note").asText(), "neighbourhood_pcodes"));
        md.append(String.format("| `%s-%s` | %s | %s | %s | %d | %s |%n", sd.get("id").asText(), from, sd.get("actor").asText(),
            from, to == null ? "open" : to, comp.size(), String.join(", ", comp)));
        for (JsonNode mx : aleppo.get("mixed")) {
          if (!mx.get("overlaps").asText().equals(side)) continue;
          String msource = mx.get("source").asText() + periodSource(changes, from, to, start);
          features.add(areaFeature(mx.get("id").asText() + "-" + from, mx.get("actor").asText(), from, to, msource,
              mx.get("confidence").asText(), comp, mx.get("note").asText(), "neighbourhood_pcodes"));
          md.append(String.format("| `%s-%s` | %s | %s | %s | %d | same as `%s-%s` (mixed area) |%n", mx.get("id").asText(), from,
              mx.get("actor").asText(), from, to == null ? "open" : to, comp.size(), sd.get("id").asText(), from));
        }
      }
    }
    for (JsonNode t : spec.get("towns")) {
      List<String> comp = new ArrayList<>();
      for (JsonNode pc : t.get("subdistrict_pcodes")) comp.add(pc.asText());
      features.add(areaFeature(t.get("id").asText(), t.get("actor").asText(), t.get("valid_from").asText(),
          t.get("valid_to").isNull() ? null : t.get("valid_to").asText(), t.get("source").asText(),
          t.get("confidence").asText(), comp, t.get("note").asText(), "subdistrict_pcodes"));
      md.append(String.format("| `%s` | %s | %s | %s | %d | %s (sub-district) |%n", t.get("id").asText(), t.get("actor").asText(),
          t.get("valid_from").asText(), t.get("valid_to").isNull() ? "open" : t.get("valid_to").asText(), comp.size(), String.join(", ", comp)));
    }
    ObjectNode fc = JSON.objectNode();
    fc.put("type", "FeatureCollection");
    fc.put("time_zone", "Asia/Damascus");
    fc.set("features", features);
    write("areas.geojson", fc);
    Path table = Path.of(System.getProperty("java.io.tmpdir"), "truce-demo-areas-table.md");
    Files.writeString(table, md.toString(), StandardCharsets.UTF_8);
    System.out.printf("areas: %d features (composition table for the README written to %s)%n", features.size(), table);
  }

  static String periodSource(JsonNode changes, String from, String to, String start) {
    StringBuilder s = new StringBuilder();
    if (!from.equals(start) && changes.has(from)) s.append("; period start: ").append(changes.get(from).asText());
    if (to != null && changes.has(to)) s.append("; period end: ").append(changes.get(to).asText());
    return s.toString();
  }

  static List<String> composition(JsonNode neighbourhoods, String side, String date) {
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = neighbourhoods.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String status = null;
      for (JsonNode t : e.getValue().get("timeline")) {
        if (t.get(1).asText().compareTo(date) <= 0) status = t.get(0).asText();
      }
      if (side.equals(status)) out.add(e.getKey());
    }
    return out;
  }

  ObjectNode areaFeature(String id, String actor, String from, String to, String source, String confidence,
                         List<String> comp, String note, String compKey) {
    List<Geometry> parts = new ArrayList<>();
    for (String pc : comp) {
      Geometry g = compKey.equals("neighbourhood_pcodes") ? neighbourhoods.get(pc) : subdistricts.get(pc);
      if (g == null) throw new IllegalArgumentException("unknown P-code " + pc);
      parts.add(g);
    }
    Geometry u = dropSliverHoles(UnaryUnionOp.union(parts), 2e-7);
    ObjectNode p = JSON.objectNode();
    p.put("id", id);
    p.put("actor", actor);
    p.put("valid_from", from);
    if (to == null) p.putNull("valid_to"); else p.put("valid_to", to);
    p.put("source", source);
    p.put("confidence", confidence);
    p.put("approximate", true);
    ObjectNode c = p.putObject("composition");
    ArrayNode list = c.putArray(compKey);
    comp.forEach(list::add);
    p.put("note", note);
    return feature(p, polygonal(u, 6));
  }

  // ---------------------------------------------------------------------------------------------
  // basemap

  void basemap() throws IOException {
    Path dir = resources.resolve("basemap");
    // country outline
    Geometry admin0 = geometry(read("geo/admin_boundaries_ocha/syr_admin0_country.geojson").get("features").get(0).get("geometry"));
    Geometry country = TopologyPreservingSimplifier.simplify(admin0, 0.004);
    ObjectNode cp = JSON.objectNode();
    cp.put("id", "SY");
    cp.put("name_en", "Syrian Arab Republic");
    cp.put("name_ar", "الجمهورية العربية السورية");
    cp.put("pcode", "SY");
    cp.put("source", OCHA_ADMIN + ": admin0, simplified (tolerance 0.004 degrees)");
    write("basemap/country.geojson", featureCollection(JSON.arrayNode().add(feature(cp, polygonal(country, 4)))));

    // governorates: coverage simplification keeps shared borders identical
    List<JsonNode> govs = new ArrayList<>();
    read("geo/admin_boundaries_ocha/syr_admin1_governorates.geojson").get("features").forEach(govs::add);
    govs.sort((x, y) -> x.get("properties").get("PCODE").asText().compareTo(y.get("properties").get("PCODE").asText()));
    Geometry[] cov = new Geometry[govs.size()];
    for (int i = 0; i < cov.length; i++) cov[i] = geometry(govs.get(i).get("geometry"));
    Geometry[] simple = CoverageSimplifier.simplify(cov, 0.004);
    ArrayNode gf = JSON.arrayNode();
    for (int i = 0; i < cov.length; i++) {
      JsonNode src = govs.get(i).get("properties");
      ObjectNode p = JSON.objectNode();
      p.put("pcode", src.get("PCODE").asText());
      p.put("name_en", src.get("NAME_EN").asText());
      p.put("name_ar", src.get("NAME_AR").asText());
      p.put("source", OCHA_ADMIN + ": admin1, coverage-simplified (tolerance 0.004 degrees)");
      gf.add(feature(p, polygonal(simple[i], 4)));
    }
    write("basemap/governorates.geojson", featureCollection(gf));

    // neighbouring countries (ODbL)
    ArrayNode nf = JSON.arrayNode();
    Map<String, String> names = Map.of("TUR", "Turkey", "IRQ", "Iraq", "JOR", "Jordan", "LBN", "Lebanon",
        "ISR", "Israel", "PSE", "Palestine", "CYP", "Cyprus");
    for (JsonNode f : read("geo/country_borders_geo_maps/syria_and_neighbours_land_10km.geo.json").get("features")) {
      String a3 = f.get("properties").get("A3").asText();
      if (a3.equals("SYR")) continue;
      ObjectNode p = JSON.objectNode();
      p.put("a3", a3);
      p.put("name_en", names.get(a3));
      p.put("source", GEO_MAPS);
      p.put("licence", "ODbL-1.0");
      nf.add(feature(p, polygonal(geometry(f.get("geometry")), 4)));
    }
    write("basemap/neighbours.geojson", featureCollection(nf));

    // rivers
    ArrayNode rf = JSON.arrayNode();
    for (JsonNode f : read("geo/rivers_natural_earth/euphrates_tigris_jordan_ne50m.geojson").get("features")) {
      JsonNode s = f.get("properties");
      ObjectNode p = JSON.objectNode();
      p.put("name", s.get("name").asText());
      p.put("name_en", s.get("name_en").asText());
      p.put("name_ar", s.get("name_ar").asText());
      p.put("name_ru", s.get("name_ru").asText());
      p.put("featurecla", s.get("featurecla").asText());
      p.put("wikidata", s.get("wikidataid").asText());
      p.put("source", NATURAL_EARTH);
      rf.add(feature(p, lineal(geometry(f.get("geometry")), 4)));
    }
    write("basemap/rivers.geojson", featureCollection(rf));

    write("basemap/places.geojson", featureCollection(places()));
  }

  ArrayNode places() throws IOException {
    Map<String, String[]> geonames = new LinkedHashMap<>();
    for (String line : Files.readAllLines(shared.resolve("gazetteer/geonames_cities500_syria/cities500_SY.tsv"), StandardCharsets.UTF_8)) {
      String[] c = line.split("\t", -1);
      geonames.put(c[0], c);
    }
    ArrayNode out = JSON.arrayNode();
    // id, geonameid, name_en, name_ar, name_ru, kind (names must occur in the GeoNames alternate names)
    String[][] gn = {
        {"aleppo", "170063", "Aleppo", "حلب", "Алеппо", "CITY"},
        {"damascus", "170654", "Damascus", "دمشق", "Дамаск", "CITY"},
        {"homs", "169577", "Homs", "حمص", "Хомс", "CITY"},
        {"hama", "170017", "Hama", "حماة", "Хама", "CITY"},
        {"idlib", "169389", "Idlib", "إدلب", "Идлиб", "CITY"},
        {"latakia", "173576", "Latakia", "اللاذقية", "Латакия", "CITY"},
        {"raqqa", "172955", "Raqqa", "الرقة", "Ар-Ракка", "CITY"},
        {"deir-ez-zor", "170794", "Deir ez-Zor", "دير الزور", "Дейр-эз-Зор", "CITY"},
        {"palmyra", "163808", "Palmyra", "تدمر", "Пальмира", "TOWN"},
        {"jarablus", "169179", "Jarablus", "جرابلس", null, "TOWN"},
        {"manbij", "167357", "Manbij", "منبج", "Манбидж", "TOWN"},
        {"al-bab", "174018", "al-Bab", "الباب", null, "TOWN"},
    };
    for (String[] p : gn) {
      String[] row = geonames.get(p[1]);
      List<String> alts = List.of(row[3].split(","));
      for (int i = 3; i <= 4; i++) {
        if (p[i] != null && !alts.contains(p[i])) throw new IllegalStateException(p[i] + " not a GeoNames name of " + row[1]);
      }
      ObjectNode props = placeProps(p[0], p[2], p[3], p[4], p[5]);
      props.put("geonameid", Integer.parseInt(p[1]));
      props.put("source", GEONAMES + " (geonameid " + p[1] + ", '" + row[1] + "')");
      out.add(feature(props, point(Double.parseDouble(row[5]), Double.parseDouble(row[4]))));
    }
    // points given in the domain research note, section (d)
    out.add(feature(withSource(placeProps("urum-al-kubra", "Urum al-Kubra", null, "Урум-эль-Кубра", "VILLAGE"),
        "[URUM] (domain research note, section (d), item 26)"), point(36.95000, 36.14861)));
    out.add(feature(withSource(placeProps("hmeymim-air-base", "Hmeymim air base", null, null, "AIR_BASE"),
        "[KHMEIMIM] (domain research note, section (d), item 3)"), point(35.94500, 35.41167)));
    out.add(feature(withSource(placeProps("aleppo-citadel", "Aleppo Citadel", null, null, "LANDMARK"),
        "[CITADEL] (domain research note, section (d))"), point(37.16250, 36.19917)));
    out.add(feature(withSource(placeProps("sheikh-maqsoud", "Sheikh Maqsoud", neighbourhoodProps.get("N0123").get("NAME_AR").asText(), null, "NEIGHBOURHOOD"),
        "[SHEIKHMAQ] (domain research note, section (d)); Arabic name: " + OCHA_NEIGH + ", N0123"), point(37.15167, 36.23611)));
    JsonNode ram = neighbourhoodProps.get("N0226");
    String ramAr = ram.get("NAME_AR").asText().split("/")[0].trim();
    out.add(feature(withSource(placeProps("ramouseh", "Ramouseh", ramAr, null, "NEIGHBOURHOOD"),
        OCHA_NEIGH + ": label point of N0226 'Ar-Ramouseh Indusrtial District'"),
        point(ram.get("LONGITUDE").asDouble(), ram.get("LATITUDE").asDouble())));
    LengthIndexedLine li = new LengthIndexedLine(castello);
    Coordinate mid = li.extractPoint(li.getEndIndex() / 2);
    out.add(feature(withSource(placeProps("castello-road-midpoint", "Castello Road (midpoint)", null, null, "ROAD_POINT"),
        "midpoint of the approximate castello-road line in lines.geojson (approximate)"), point(mid.x, mid.y)));
    return out;
  }

  static ObjectNode placeProps(String id, String en, String ar, String ru, String kind) {
    ObjectNode p = JSON.objectNode();
    p.put("id", id);
    p.put("name_en", en);
    if (ar != null) p.put("name_ar", ar);
    if (ru != null) p.put("name_ru", ru);
    p.put("kind", kind);
    return p;
  }

  static ObjectNode withSource(ObjectNode p, String source) {
    p.put("source", source);
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // GeoJSON <-> JTS

  JsonNode read(String rel) throws IOException {
    return MAPPER.readTree(shared.resolve(rel).toFile());
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

  /** Snap to a grid of 10^-decimals degrees (keeping the result valid), orient rings per RFC 7946, emit a MultiPolygon. */
  static ObjectNode polygonal(Geometry g, int decimals) {
    Geometry r = GeometryPrecisionReducer.reduce(g, new PrecisionModel(Math.pow(10, decimals)));
    if (!r.isValid()) r = GeometryFixer.fix(r);
    ObjectNode out = JSON.objectNode();
    out.put("type", "MultiPolygon");
    ArrayNode polys = out.putArray("coordinates");
    for (int i = 0; i < r.getNumGeometries(); i++) {
      Polygon p = (Polygon) r.getGeometryN(i);
      if (p.isEmpty()) continue;
      ArrayNode rings = polys.addArray();
      rings.add(ring(p.getExteriorRing().getCoordinates(), true, decimals));
      for (int h = 0; h < p.getNumInteriorRing(); h++) rings.add(ring(p.getInteriorRingN(h).getCoordinates(), false, decimals));
    }
    return out;
  }

  static ArrayNode ring(Coordinate[] cs, boolean ccw, int decimals) {
    if (Orientation.isCCW(cs) != ccw) {
      Coordinate[] rev = new Coordinate[cs.length];
      for (int i = 0; i < cs.length; i++) rev[i] = cs[cs.length - 1 - i];
      cs = rev;
    }
    return positions(cs, decimals);
  }

  static ObjectNode lineal(Geometry g, int decimals) {
    ObjectNode out = JSON.objectNode();
    if (g instanceof LineString) {
      out.put("type", "LineString");
      out.set("coordinates", positions(dedupe(g.getCoordinates(), decimals), decimals));
    } else {
      out.put("type", "MultiLineString");
      ArrayNode ls = out.putArray("coordinates");
      for (int i = 0; i < g.getNumGeometries(); i++) ls.add(positions(dedupe(g.getGeometryN(i).getCoordinates(), decimals), decimals));
    }
    return out;
  }

  static Coordinate[] dedupe(Coordinate[] cs, int decimals) {
    List<Coordinate> out = new ArrayList<>();
    for (Coordinate c : cs) {
      Coordinate r = new Coordinate(round(c.x, decimals).doubleValue(), round(c.y, decimals).doubleValue());
      if (out.isEmpty() || !out.get(out.size() - 1).equals2D(r)) out.add(r);
    }
    return out.toArray(new Coordinate[0]);
  }

  static ObjectNode point(double lon, double lat) {
    ObjectNode out = JSON.objectNode();
    out.put("type", "Point");
    ArrayNode c = out.putArray("coordinates");
    c.add(round(lon, 5));
    c.add(round(lat, 5));
    return out;
  }

  static ArrayNode positions(Coordinate[] cs, int decimals) {
    ArrayNode a = JSON.arrayNode();
    for (Coordinate c : cs) {
      ArrayNode p = a.addArray();
      p.add(round(c.x, decimals));
      p.add(round(c.y, decimals));
    }
    return a;
  }

  static BigDecimal round(double v, int decimals) {
    BigDecimal b = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
    return b.scale() < 1 ? b.setScale(1) : b;
  }

  static ObjectNode feature(ObjectNode props, ObjectNode geometry) {
    ObjectNode f = JSON.objectNode();
    f.put("type", "Feature");
    f.set("properties", props);
    f.set("geometry", geometry);
    return f;
  }

  static ObjectNode featureCollection(ArrayNode features) {
    ObjectNode fc = JSON.objectNode();
    fc.put("type", "FeatureCollection");
    fc.set("features", features);
    return fc;
  }

  void write(String rel, JsonNode node) throws IOException {
    StringBuilder sb = new StringBuilder();
    Json.write(node, sb, 0);
    sb.append('\n');
    Files.writeString(resources.resolve(rel), sb.toString(), StandardCharsets.UTF_8);
  }

  /** Tidy JSON: 2-space indentation; one line per coordinate ring or line string. */
  static final class Json {
    static void write(JsonNode n, StringBuilder sb, int indent) throws IOException {
      if (n.isObject()) {
        if (n.isEmpty()) { sb.append("{}"); return; }
        sb.append("{\n");
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          pad(sb, indent + 2);
          sb.append(MAPPER.writeValueAsString(e.getKey())).append(": ");
          write(e.getValue(), sb, indent + 2);
          if (it.hasNext()) sb.append(',');
          sb.append('\n');
        }
        pad(sb, indent);
        sb.append('}');
      } else if (n.isArray()) {
        if (n.isEmpty()) { sb.append("[]"); return; }
        if (numeric(n) && depth(n) <= 2) { compact(n, sb); return; }
        if (scalars(n) && n.toString().length() < 100) {
          sb.append('[');
          for (int i = 0; i < n.size(); i++) {
            if (i > 0) sb.append(", ");
            write(n.get(i), sb, indent);
          }
          sb.append(']');
          return;
        }
        if (shortStrings(n)) {
          // long lists of codes: several per line, wrapped at 100 columns
          sb.append("[\n");
          pad(sb, indent + 2);
          int col = indent + 2;
          for (int i = 0; i < n.size(); i++) {
            String item = MAPPER.writeValueAsString(n.get(i)) + (i + 1 < n.size() ? "," : "");
            if (col > indent + 2 && col + 1 + item.length() > 100) {
              sb.append('\n');
              pad(sb, indent + 2);
              col = indent + 2;
            } else if (col > indent + 2) {
              sb.append(' ');
              col++;
            }
            sb.append(item);
            col += item.length();
          }
          sb.append('\n');
          pad(sb, indent);
          sb.append(']');
          return;
        }
        sb.append("[\n");
        for (int i = 0; i < n.size(); i++) {
          pad(sb, indent + 2);
          write(n.get(i), sb, indent + 2);
          if (i + 1 < n.size()) sb.append(',');
          sb.append('\n');
        }
        pad(sb, indent);
        sb.append(']');
      } else if (n.isNumber()) {
        sb.append(number(n));
      } else {
        sb.append(MAPPER.writeValueAsString(n));
      }
    }

    static boolean numeric(JsonNode n) {
      if (n.isNumber()) return true;
      if (!n.isArray() || n.isEmpty()) return false;
      for (JsonNode c : n) if (!numeric(c)) return false;
      return true;
    }

    /** 1 for a position, 2 for a list of positions (a ring or line), 3 and more above. */
    static int depth(JsonNode n) {
      return n.isArray() && n.size() > 0 ? 1 + depth(n.get(0)) : 0;
    }

    static boolean shortStrings(JsonNode n) {
      for (JsonNode c : n) if (!c.isTextual() || c.asText().length() > 12) return false;
      return true;
    }

    static boolean scalars(JsonNode n) {
      for (JsonNode c : n) if (c.isContainerNode()) return false;
      return true;
    }

    static void compact(JsonNode n, StringBuilder sb) {
      if (n.isNumber()) { sb.append(number(n)); return; }
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) sb.append(',');
        compact(n.get(i), sb);
      }
      sb.append(']');
    }

    static String number(JsonNode n) {
      if (n.isIntegralNumber()) return n.asText();
      return n.decimalValue().toPlainString();
    }

    static void pad(StringBuilder sb, int n) {
      for (int i = 0; i < n; i++) sb.append(' ');
    }
  }
}
