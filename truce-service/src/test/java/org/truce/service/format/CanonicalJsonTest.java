package org.truce.service.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    @Test
    void numbersAreWrittenAsEcmaScriptDoes() {
        // values from RFC 8785 appendix B and ECMAScript's Number::toString
        assertThat(Es6Numbers.format(0.0)).isEqualTo("0");
        assertThat(Es6Numbers.format(-0.0)).isEqualTo("0");
        assertThat(Es6Numbers.format(3500.0)).isEqualTo("3500");
        assertThat(Es6Numbers.format(36.2021)).isEqualTo("36.2021");
        assertThat(Es6Numbers.format(-37.1343)).isEqualTo("-37.1343");
        assertThat(Es6Numbers.format(1e21)).isEqualTo("1e+21");
        assertThat(Es6Numbers.format(1e20)).isEqualTo("100000000000000000000");
        assertThat(Es6Numbers.format(1e-7)).isEqualTo("1e-7");
        assertThat(Es6Numbers.format(0.000001)).isEqualTo("0.000001");
        assertThat(Es6Numbers.format(123456789012345680000.0)).isEqualTo("123456789012345680000");
        assertThat(Es6Numbers.format(9007199254740992.0)).isEqualTo("9007199254740992");
        assertThat(Es6Numbers.format(4.940656458412465e-324)).isEqualTo("5e-324");
        assertThat(Es6Numbers.format(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
        assertThat(Es6Numbers.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Es6Numbers.format(333333333.33333329)).isEqualTo("333333333.3333333");
    }

    @Test
    void everyFormattedNumberReadsBackAsTheSameDouble() {
        qt().withExamples(20_000).forAll(doubles().any()).assuming(Double::isFinite)
                .checkAssert(d -> assertThat(Double.parseDouble(Es6Numbers.format(d))).isEqualTo(d == 0 ? 0.0 : d));
    }

    @Test
    void canonicalFormSortsKeysAndIsStableUnderReparsing() {
        String text = "{\"b\":[1,2.50,3500.0,{\"z\":1,\"a\":\"\\u00e9🕊\"}],\"a\":1e-7}";
        byte[] once = Json.canonical(Json.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(once, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1e-7,\"b\":[1,2.5,3500,{\"a\":\"é🕊\",\"z\":1}]}");
        assertThat(Json.canonical(Json.parse(once))).isEqualTo(once);
    }
}
