package org.truce.domain.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The name keys as properties: a key is its own key, and what a key ignores it ignores everywhere. */
class NameKeyProperties {
    /** Latin, Cyrillic and Arabic letters, spaces, hyphens and apostrophes: the stuff of actor names. */
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz  -'абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
            + "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةىٱ";
    private static final String LATIN_MARKS = "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030c\u0323\u0327\u0331";
    private static final String ARABIC_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640";

    private static Gen<String> names() {
        return lists().of(integers().between(0, ALPHABET.length() - 1)).ofSizeBetween(0, 30)
                .map(indexes -> {
                    StringBuilder b = new StringBuilder();
                    indexes.forEach(i -> b.append(ALPHABET.charAt(i)));
                    return b.toString();
                });
    }

    /** Inserts the marks chosen by {@code picks} after the positions chosen by {@code picks}. */
    private static String withMarks(String text, List<Integer> picks, String marks) {
        StringBuilder b = new StringBuilder(text);
        for (int k = 0; k + 1 < picks.size(); k += 2) {
            int at = b.isEmpty() ? 0 : Math.floorMod(picks.get(k), b.length() + 1);
            b.insert(at, marks.charAt(Math.floorMod(picks.get(k + 1), marks.length())));
        }
        return b.toString();
    }

    @Test
    void aKeyIsItsOwnKey() {
        qt().withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 24)).checkAssert(s -> {
            String key = NameKey.of(s);
            assertThat(NameKey.of(key)).as("key of %s", s).isEqualTo(key);
            String loose = NameKey.transliteration(s);
            assertThat(NameKey.transliteration(loose)).as("transliteration of %s", s).isEqualTo(loose);
        });
        qt().withExamples(3000).forAll(names()).checkAssert(s -> {
            String key = NameKey.of(s);
            assertThat(NameKey.of(key)).as("key of %s", s).isEqualTo(key);
            assertThat(NameKey.transliteration(NameKey.transliteration(s))).as("transliteration of %s", s).isEqualTo(NameKey.transliteration(s));
        });
    }

    @Test
    void aKeyIsLowercaseWordsSeparatedBySingleSpaces() {
        qt().withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 24)).checkAssert(s -> {
            String key = NameKey.of(s);
            assertThat(key).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
            assertThat(key).isEqualTo(key.toLowerCase(Locale.ROOT));
            assertThat(key).as("only letters, numbers and spaces").matches("[\\p{L}\\p{N} ]*");
        });
    }

    @Test
    void caseDoesNotMatter() {
        qt().withExamples(3000).forAll(names()).checkAssert(s -> {
            assertThat(NameKey.of(s.toUpperCase(Locale.ROOT))).as(s).isEqualTo(NameKey.of(s));
            assertThat(NameKey.transliteration(s.toUpperCase(Locale.ROOT))).as(s).isEqualTo(NameKey.transliteration(s));
        });
    }

    @Test
    void diacriticsHarakatAndTatweelDoNotMatter() {
        Gen<List<Integer>> picks = lists().of(integers().allPositive()).ofSizeBetween(0, 12);
        qt().withExamples(3000).forAll(names(), picks, booleans().all()).checkAssert((s, p, arabic) -> {
            String marked = withMarks(s, p, arabic ? ARABIC_MARKS : LATIN_MARKS);
            assertThat(NameKey.of(marked)).as("%s / %s", s, marked).isEqualTo(NameKey.of(s));
            assertThat(NameKey.transliteration(marked)).as("%s / %s", s, marked).isEqualTo(NameKey.transliteration(s));
        });
    }

    @Test
    void theArticleVariantsOfOneWordShareAKey() {
        List<String> articles = List.of("al-", "el-", "al ", "El ", "an-", "ash-", "ad-", "ar-", "as-", "az-", "at-");
        qt().withExamples(1000).forAll(integers().between(0, articles.size() - 1), integers().between(0, articles.size() - 1),
                strings().basicLatinAlphabet().ofLengthBetween(2, 10).map(w -> w.replaceAll("[^A-Za-z]", "x").toLowerCase(Locale.ROOT)))
                .checkAssert((a, b, word) -> assertThat(NameKey.of("Jabhat " + articles.get(a) + word))
                        .isEqualTo(NameKey.of("jabhat " + articles.get(b) + word)));
    }
}
