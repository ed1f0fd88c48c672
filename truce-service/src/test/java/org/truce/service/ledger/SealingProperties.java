package org.truce.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.truce.domain.release.Marking;
import org.truce.domain.release.Releasability;
import org.truce.log.sealed.Opening;
import org.truce.log.sealed.OpeningSource;
import org.truce.service.format.Json;
import org.truce.service.format.ReportFormat;

/** Sealing and opening report payloads: what is sealed leaves the entry, and opening restores it exactly. */
class SealingProperties {
    private static final List<String> KEYS = List.copyOf(ReportFormat.SEALABLE.keySet());
    private static final List<Marking> MARKINGS = List.of(Marking.MONITORS, Marking.GUARANTORS, Marking.ORIGINATOR,
            Marking.parse("party:syrian-arab-army").orElseThrow());

    /** A report payload with every sealable field present; text fields carry the seed so values differ. */
    private static ObjectNode payload(String text, double lat, double lon, int precision, long fromMinute) {
        Instant from = Instant.parse("2016-01-01T00:00:00Z").plusSeconds(fromMinute * 60);
        ObjectNode o = Json.object();
        o.put("id", "7d1e1b8a-2f3c-4c5e-9a4b-6f7e8d9c0a1b");
        o.put("occurred_from", ReportFormat.local(from, java.time.ZoneOffset.ofHours(3)));
        o.put("occurred_to", ReportFormat.local(from.plusSeconds(1800), java.time.ZoneOffset.ofHours(3)));
        o.putObject("location").put("lat", lat).put("lon", lon).put("precision_m", precision);
        o.putObject("origin").put("lat", lon / 2).put("lon", lat / 2).put("precision_m", 1000);
        o.put("event_type", "Explosions/Remote violence");
        o.put("sub_event_type", "Shelling/artillery/missile attack");
        o.put("perpetrator", "P " + text);
        o.putNull("perpetrator_actor");
        o.put("target", "T " + text);
        o.put("target_actor", "syrian-arab-army");
        o.putArray("involved").add("I " + text);
        o.putArray("involved_actors").addNull();
        o.put("fatalities", precision % 100);
        o.putObject("source").put("name", "S " + text).put("reliability", "C").put("credibility", 3);
        o.put("description", "D " + text);
        o.put("external_id", "x:" + text);
        return o;
    }

    private static Gen<ObjectNode> payloads() {
        return strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 40).zip(doubles().between(-90, 90), doubles().between(-180, 180),
                integers().between(0, 100_000), longs().between(0, 5_000_000), SealingProperties::payload);
    }

    private static Gen<Releasability> markings() {
        return integers().between(0, (1 << KEYS.size()) - 1).zip(integers().between(0, 1 << 20), (mask, choice) -> {
            var m = new TreeMap<String, Marking>();
            for (int i = 0; i < KEYS.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    m.put(KEYS.get(i), MARKINGS.get(Math.floorMod(choice >> i, MARKINGS.size())));
                }
            }
            return new Releasability(m);
        });
    }

    private static Entry entryOf(Sealing.Sealed sealed) {
        Entry entry = new Entry(EntryType.REPORT_SUBMITTED, EntryCodec.SCHEMA, "anonymous", Instant.EPOCH, sealed.payload(), null, sealed.seals());
        return EntryCodec.decode(EntryCodec.encode(entry));
    }

    private static OpeningSource all(List<Opening> openings) {
        Map<String, Opening> map = new HashMap<>();
        openings.forEach(o -> map.put(o.commitmentHex(), o));
        return c -> Optional.ofNullable(map.get(HexFormat.of().formatHex(c)));
    }

    @Test
    void openingEverySealedFieldGivesBackTheOriginalPayloadByteForByte() {
        qt().withExamples(2_000).forAll(payloads(), markings()).checkAssert((payload, markings) -> {
            byte[] original = Json.canonical(payload);
            Sealing.Sealed sealed = Sealing.seal(payload.deepCopy(), markings, ReportFormat.SEALABLE);
            Sealing.Opened opened = Sealing.open(entryOf(sealed), all(sealed.openings()));
            assertThat(Json.canonical(opened.payload())).isEqualTo(original);
            assertThat(opened.withheld()).isEmpty();
            assertThat(Sealing.releasability(entryOf(sealed))).isEqualTo(markings);
        });
    }

    @Test
    void whatIsSealedIsNotInTheEntryAndUnopenedFieldsAreWithheldWithTheirStandIns() {
        qt().withExamples(2_000).forAll(payloads(), markings()).checkAssert((payload, markings) -> {
            Sealing.Sealed sealed = Sealing.seal(payload.deepCopy(), markings, ReportFormat.SEALABLE);
            Entry entry = entryOf(sealed);
            String encoded = new String(EntryCodec.encode(entry), StandardCharsets.UTF_8);
            for (Opening opening : sealed.openings()) {
                String value = new String(opening.value(), StandardCharsets.UTF_8);
                // a sealed member's value (not its name) never appears in the entry, except as a stand-in
                Json.parse(opening.value()).fields().forEachRemaining(member -> {
                    if (member.getValue().isTextual() && !member.getKey().startsWith("occurred")) {
                        assertThat(encoded).as(value).doesNotContain(Json.write(member.getValue()));
                    }
                });
                assertThat(opening.matches()).isTrue();
            }
            Sealing.Opened bare = Sealing.open(entry, OpeningSource.NONE);
            assertThat(bare.withheld()).containsExactlyElementsOf(markings.markings().keySet());
            assertThat(bare.payload().has("location")).isTrue();
            assertThat(bare.payload().has("occurred_from")).isTrue();
            if (markings.markings().containsKey("location")) {
                double lat = payload.at("/location/lat").doubleValue();
                double publicLat = bare.payload().at("/location/lat").doubleValue();
                assertThat(Math.abs(publicLat - lat)).isLessThanOrEqualTo(0.05 + 1e-9);
                assertThat(bare.payload().at("/location/precision_m").intValue())
                        .isEqualTo(payload.at("/location/precision_m").intValue() + 7_900);
            }
            // the stand-ins still read as a report
            ReportFormat.fromPayload(bare.payload());
        });
    }

    @Test
    void twoSealsOfTheSameValueHaveDifferentCommitments() {
        ObjectNode payload = payload("same", 36.2, 37.1, 10, 0);
        Releasability markings = new Releasability(Map.of("source.name", Marking.MONITORS));
        var first = Sealing.seal(payload.deepCopy(), markings, ReportFormat.SEALABLE).seals().get("source.name").sha256();
        var second = Sealing.seal(payload.deepCopy(), markings, ReportFormat.SEALABLE).seals().get("source.name").sha256();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anOpeningThatDoesNotMatchItsCommitmentFailsTheReplayNamingTheField() {
        ObjectNode payload = payload("x", 36.2, 37.1, 10, 0);
        var sealed = Sealing.seal(payload, new Releasability(Map.of("description", Marking.MONITORS)), ReportFormat.SEALABLE);
        Opening real = sealed.openings().get(0);
        Opening forged = new Opening(real.commitment(), real.salt(), "{\"description\":\"forged\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Sealing.open(entryOf(sealed), c -> Optional.of(forged)))
                .hasMessageContaining("'description'").hasMessageContaining("does not match its commitment");
    }

    @Test
    void aSchemaOneEntryReEncodesToItsOwnBytes() {
        var entry = new Entry(EntryType.REPORT_SUBMITTED, 1, "anonymous", Instant.EPOCH, payload("v1", 1, 2, 3, 4), null);
        byte[] bytes = EntryCodec.encode(entry);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"schema\":1").doesNotContain("sealed");
        assertThat(EntryCodec.encode(EntryCodec.decode(bytes))).isEqualTo(bytes);
        assertThatThrownBy(() -> new Entry(EntryType.REPORT_SUBMITTED, 1, "a", Instant.EPOCH, Json.object(), null,
                Map.of("x", new Entry.Seal(Marking.MONITORS, "00".repeat(32))))).isInstanceOf(IllegalArgumentException.class);
    }
}
