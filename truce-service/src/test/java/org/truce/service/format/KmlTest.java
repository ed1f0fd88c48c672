package org.truce.service.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.truce.domain.actor.ActorId;
import org.truce.domain.problem.Problem;
import org.truce.domain.problem.Problems;
import org.truce.domain.territory.Confidence;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.Geometries;
import org.truce.domain.time.Interval;

/** KML documents of areas of control, in and out. */
class KmlTest {
    private static LinearRing ring(double x, double y, double r, boolean withZ) {
        Coordinate[] c = new Coordinate[7];
        for (int i = 0; i < 6; i++) {
            double angle = 2 * Math.PI * i / 6;
            c[i] = withZ ? new Coordinate(x + r * Math.cos(angle), y + r * Math.sin(angle), 400 + i)
                    : new Coordinate(x + r * Math.cos(angle), y + r * Math.sin(angle));
        }
        c[6] = c[0].copy();
        return Geometries.FACTORY.createLinearRing(c);
    }

    private static Polygon withHole(double x, double y, boolean withZ) {
        return Geometries.FACTORY.createPolygon(ring(x, y, 0.1, withZ), new LinearRing[] {ring(x, y, 0.02, withZ)});
    }

    private static List<ControlArea> areas() {
        List<ControlArea> areas = new ArrayList<>();
        areas.add(new ControlArea("aleppo-east", new ActorId("fatah-halab"), withHole(37.17, 36.2, false),
                Interval.of(Instant.parse("2016-02-26T22:00:00Z"), Instant.parse("2016-12-22T22:00:00Z")),
                "[ACU] <map> & \"notes\"", Confidence.MEDIUM, true, "East Aleppo: 'mixed' with Nusra"));
        areas.add(new ControlArea("2016 منبج", new ActorId("sdf"),
                Geometries.FACTORY.createMultiPolygon(new Polygon[] {withHole(37.95, 36.5, true), withHole(38.2, 36.6, true)}),
                Interval.from(Instant.parse("2016-08-12T00:00:00.5Z")), "UCDP", Confidence.HIGH, false, null));
        return areas;
    }

    private static List<ControlArea> read(byte[] kml, Problems problems) {
        Kml.Document doc = Kml.read(kml, problems);
        List<ControlArea> areas = new ArrayList<>();
        for (int i = 0; i < doc.placemarks().size(); i++) {
            Kml.Placemark p = doc.placemarks().get(i);
            areas.add(TerritoryFormat.area(p.feature(), p.geometry(), "features[" + i + "]", doc.zone(), problems));
        }
        return areas;
    }

    @Test
    void writtenAreasReadBackAsTheSameAreasAndWriteTheSameBytes() {
        byte[] kml = Kml.write(areas(), "test", id -> id.value().equals("sdf") ? "Syrian Democratic Forces" : null);
        String text = new String(kml, StandardCharsets.UTF_8);
        assertThat(text).contains("<Placemark id=\"aleppo-east\">", "<MultiGeometry>", "<innerBoundaryIs>", "&lt;map&gt; &amp;",
                "<Data name=\"actor_name\">", "<begin>2016-02-26T22:00:00Z</begin>");
        assertThat(text).doesNotContain("id=\"2016");
        Problems problems = new Problems();
        List<ControlArea> back = read(kml, problems);
        assertThat(problems.list()).isEmpty();
        assertThat(back).isEqualTo(areas());
        assertThat(Kml.write(back, "test", id -> id.value().equals("sdf") ? "Syrian Democratic Forces" : null)).isEqualTo(kml);
    }

    @Test
    void kmlAsOtherToolsWriteItIsRead() {
        String kml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <kml xmlns="http://earth.google.com/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
                <Document><name>areas</name>
                  <ExtendedData><Data name="time_zone"><value>Asia/Damascus</value></Data></ExtendedData>
                  <Style id="s"><PolyStyle><color>7f00ff00</color></PolyStyle></Style>
                  <Schema name="areas" id="areas"><SimpleField name="actor" type="string"/></Schema>
                  <Folder><name>Aleppo</name><Folder>
                    <Placemark id="west">
                      <name>West Aleppo</name><styleUrl>#s</styleUrl>
                      <TimeSpan><begin>2016-02-27</begin></TimeSpan>
                      <ExtendedData><SchemaData schemaUrl="#areas">
                        <SimpleData name="actor">syrian-arab-army</SimpleData>
                        <SimpleData name="source">test</SimpleData>
                        <SimpleData name="approximate">1</SimpleData>
                      </SchemaData></ExtendedData>
                      <gx:balloonVisibility>1</gx:balloonVisibility>
                      <MultiGeometry><MultiGeometry><Polygon><extrude>0</extrude><altitudeMode>clampToGround</altitudeMode>
                        <outerBoundaryIs><LinearRing><coordinates>
                          37.10,36.18,0 37.12, 36.18,0
                          37.12,36.20,0 37.10,36.20,0 37.10,36.18,0
                        </coordinates></LinearRing></outerBoundaryIs>
                      </Polygon></MultiGeometry></MultiGeometry>
                    </Placemark>
                  </Folder></Folder>
                </Document></kml>
                """;
        Problems problems = new Problems();
        List<ControlArea> areas = read(kml.getBytes(StandardCharsets.UTF_8), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(areas).hasSize(1);
        ControlArea west = areas.get(0);
        assertThat(west.id()).isEqualTo("west");
        assertThat(west.actor().value()).isEqualTo("syrian-arab-army");
        assertThat(west.validity().from()).isEqualTo(java.time.LocalDate.of(2016, 2, 27).atStartOfDay(ZoneId.of("Asia/Damascus")).toInstant());
        assertThat(west.validity().to()).isNull();
        assertThat(west.approximate()).isTrue();
        assertThat(west.geometry().getGeometryType()).isEqualTo("MultiPolygon");
        assertThat(west.geometry().getNumPoints()).isEqualTo(5);
    }

    @Test
    void problemsNameThePlacemarkAndTheElement() {
        String kml = "<kml xmlns=\"" + Kml.NAMESPACE + "\"><Placemark><ExtendedData><Data name=\"actor\"><value>x</value></Data>"
                + "<Data name=\"actor\"><value>y</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>"
                + "0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs><innerBoundaryIs><LinearRing><coordinates>"
                + "0.1,0.1 0.2,0.1 0.1,0.1</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark></kml>";
        Problems problems = new Problems();
        read(kml.getBytes(StandardCharsets.UTF_8), problems);
        assertThat(problems.list()).extracting(Problem::field).contains("features[0].properties.actor",
                "features[0].geometry.Polygon[0].innerBoundaryIs[0].coordinates", "features[0].properties.id");
    }

    @Test
    void aDoctypeIsRefusedBeforeAnyEntityIsRead() {
        String kml = "<?xml version=\"1.0\"?>\n<!DOCTYPE kml [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>\n<kml xmlns=\""
                + Kml.NAMESPACE + "\"><Placemark><name>&e;</name></Placemark></kml>";
        assertThatThrownBy(() -> Kml.read(kml.getBytes(StandardCharsets.UTF_8), new Problems()))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("DTD")
                .satisfies(e -> assertThat(((MalformedXmlException) e).line()).isEqualTo(2));
    }

    @Test
    void whatIsNotXmlIsRefusedWithItsPosition() {
        byte[][] broken = {
            new byte[0],
            {(byte) 0xff, (byte) 0xfe, 0x3c, 0x00},
            "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Placemark></kml>".getBytes(StandardCharsets.UTF_8),
            "<kml xmlns=\"http://www.opengis.net/kml/2.2\"/><kml/>".getBytes(StandardCharsets.UTF_8),
            "<kml><name>\u00e9</name></kml>".getBytes(StandardCharsets.ISO_8859_1),
        };
        for (byte[] b : broken) {
            assertThatThrownBy(() -> Kml.read(b, new Problems())).as(new String(b, StandardCharsets.ISO_8859_1))
                    .isInstanceOf(MalformedXmlException.class);
        }
    }

    @Test
    void aTimeSpanThatIsNotADateIsReportedEvenBesideExtendedData() {
        String kml = "<kml xmlns=\"" + Kml.NAMESPACE + "\"><Placemark><TimeSpan><begin>soon</begin></TimeSpan><ExtendedData>"
                + "<Data name=\"valid_from\"><value>2016-02-27</value></Data></ExtendedData></Placemark></kml>";
        Problems problems = new Problems();
        Kml.read(kml.getBytes(StandardCharsets.UTF_8), problems);
        assertThat(problems.list()).extracting(Problem::field).contains("features[0].properties.valid_from");
    }
}
