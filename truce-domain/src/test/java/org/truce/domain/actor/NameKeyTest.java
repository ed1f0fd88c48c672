package org.truce.domain.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameKeyTest {
    @Test
    void spellingsOfOneNameShareAKey() {
        assertThat(NameKey.of("Jabhat al-Nuṣrah")).isEqualTo("jabhat nusrah");
        assertThat(NameKey.of("JABHAT AL NUSRA")).isEqualTo(NameKey.of("Jabhat el-Nusra")).isEqualTo("jabhat nusra");
        assertThat(NameKey.of("Ahrar ash-Sham")).isEqualTo(NameKey.of("Ahrar al-Sham"));
        assertThat(NameKey.of("جبهة النصرة")).isEqualTo(NameKey.of("جبهة  النُّصرة"));
        assertThat(NameKey.of("Джабхат ан-Нусра")).isEqualTo(NameKey.of("джабхат ан нусра"));
    }

    @Test
    void arabicLetterFormsThatWritersInterchangeShareAKey() {
        assertThat(NameKey.of("جبهة النصرة")).isEqualTo(NameKey.of("جبهه النصره")).isEqualTo(NameKey.of("جَبْهَة ٱلنُّصْرَة"))
                .isEqualTo(NameKey.of("جبهـــة النصرة")).isEqualTo("جبهه نصره");
        assertThat(NameKey.of("أحرار الشام")).isEqualTo(NameKey.of("احرار الشام")).isEqualTo(NameKey.of("إحرار الشام"));
        assertThat(NameKey.of("مستشفى")).isEqualTo(NameKey.of("مستشفي"));
        assertThat(NameKey.of("مؤتة")).isEqualTo(NameKey.of("موتة"));
        assertThat(NameKey.of("هيئة")).isEqualTo(NameKey.of("هيية"));
        assertThat(NameKey.of("الشيء")).isEqualTo(NameKey.of("الشي"));
        assertThat(NameKey.of("لواء ٢٣")).isEqualTo(NameKey.of("لوا 23"));
        assertThat(NameKey.of("حزب\u200cالله")).as("a zero-width non-joiner is invisible").isEqualTo(NameKey.of("حزبالله"));
    }

    @Test
    void russianSpellingsShareAKey() {
        assertThat(NameKey.of("Соединённые Штаты Америки")).isEqualTo(NameKey.of("СОЕДИНЕННЫЕ ШТАТЫ АМЕРИКИ"));
        assertThat(NameKey.of("Ахрар аш-Шам")).isEqualTo("ахрар шам");
        assertThat(NameKey.of("Джейш аль-Ислам")).isEqualTo(NameKey.of("джейш эль ислам"));
    }

    @Test
    void anApostropheInsideAWordIsAnAynOrHamza() {
        assertThat(NameKey.of("Da'esh")).isEqualTo(NameKey.of("Daesh")).isEqualTo(NameKey.of("Daʿesh"));
        assertThat(NameKey.of("al-ʿAdl")).isEqualTo("adl");
        assertThat(NameKey.of("l'Armée syrienne")).isEqualTo("armee syrienne");
    }

    @Test
    void transliterationsOfOneNameShareALooseKey() {
        String nusra = NameKey.transliteration("Jabhat al-Nusra");
        assertThat(List.of("Jabhat an-Nusrah", "Jebhat al Nosra", "JABHAT EL-NOUSRA", "Jabhat al-Nuṣrah", "Джебхат ан-Нусра", "Джабхат ан-Нусра"))
                .allSatisfy(v -> assertThat(NameKey.transliteration(v)).as(v).isEqualTo(nusra));
        assertThat(List.of("Hizbullah", "Hizballah", "Хезболла", "Хизбалла"))
                .allSatisfy(v -> assertThat(NameKey.transliteration(v)).as(v).isEqualTo(NameKey.transliteration("Hezbollah")));
        assertThat(NameKey.transliteration("Ахрар аш-Шам")).isEqualTo(NameKey.transliteration("Ahrar al-Sham"));
        assertThat(NameKey.transliteration("Jaysh al-Islam")).isEqualTo(NameKey.transliteration("Jaish al-Islam"))
                .isEqualTo(NameKey.transliteration("Джейш аль-Ислам"));
        assertThat(NameKey.transliteration("Qawat al-Nimr")).isEqualTo(NameKey.transliteration("Kawat an-Nimr"));
    }

    @Test
    void transliterationKeepsTheVowelPattern() {
        assertThat(NameKey.transliteration("Islam")).isNotEqualTo(NameKey.transliteration("Salam"));
        assertThat(NameKey.transliteration("Jabhat Fateh al-Sham")).isNotEqualTo(NameKey.transliteration("Jabhat al-Nusra"));
        assertThat(NameKey.usableTransliteration(NameKey.transliteration("US"))).as("acronyms are too short to match loosely").isFalse();
        assertThat(NameKey.usableTransliteration(NameKey.transliteration("Nosra"))).isTrue();
    }

    @Test
    void differentNamesKeepDifferentKeys() {
        assertThat(NameKey.of("Jabhat Fateh al-Sham")).isNotEqualTo(NameKey.of("Jabhat al-Nusra"));
        assertThat(NameKey.of("Alawite")).isEqualTo("alawite");
    }

    @Test
    void directoryResolvesIdsNamesAliasesAndRenamings() {
        Actor nusra = new Actor(new ActorId("jabhat-al-nusra"), "Jabhat al-Nusra", ActorKind.ARMED_GROUP, 2, "jihadist",
                List.of(new Alias("Nusra Front", "en", null, null), new Alias("جبهة النصرة", "ar", null, null)),
                List.of(new Renaming("Jabhat Fateh al-Sham", Instant.parse("2016-07-27T21:00:00Z"), "[NATIONAL]")),
                List.of(new Designation("UNSC-1267", Instant.parse("2014-05-14T00:00:00Z"), null, "UNSC")),
                List.of(), List.of());
        Actor ahrar = new Actor(new ActorId("ahrar-al-sham"), "Ahrar al-Sham", ActorKind.ARMED_GROUP, 2, "opposition",
                List.of(), List.of(), List.of(), List.of(), List.of());
        ActorDirectory directory = new ActorDirectory(List.of(nusra, ahrar));
        assertThat(directory.resolve("jabhat-al-nusra")).contains(nusra);
        assertThat(directory.resolve("JABHAT EL NUSRA")).contains(nusra);
        assertThat(directory.resolve("Jabhat Fatah al Sham")).as("a transliteration of the new name").contains(nusra);
        assertThat(directory.resolve("Jabhat Fateh al-Sham")).contains(nusra);
        assertThat(directory.resolve("جبهة النصرة")).contains(nusra);
        assertThat(directory.resolve("Ahrar ash-Sham")).contains(ahrar);
        assertThat(directory.resolve("Fatah Halab")).isEmpty();
        assertThat(nusra.nameAt(Instant.parse("2016-07-01T00:00:00Z"))).isEqualTo("Jabhat al-Nusra");
        assertThat(nusra.nameAt(Instant.parse("2016-08-01T00:00:00Z"))).isEqualTo("Jabhat Fateh al-Sham");
        assertThat(nusra.designatedAt(Instant.parse("2016-08-01T00:00:00Z"))).isTrue();
        assertThat(nusra.designatedAt(Instant.parse("2013-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void aNameSharedByTwoActorsDoesNotResolve() {
        Actor a = new Actor(new ActorId("a"), "Liwa al-Quds", ActorKind.MILITIA, 3, null, List.of(), List.of(), List.of(), List.of(), List.of());
        Actor b = new Actor(new ActorId("b"), "Other", ActorKind.MILITIA, 3, null, List.of(new Alias("Liwa el Quds", "en", null, null)),
                List.of(), List.of(), List.of(), List.of());
        assertThat(new ActorDirectory(List.of(a, b)).resolve("liwa al quds")).isEmpty();
        assertThat(new ActorDirectory(List.of(a, b)).resolve("a")).contains(a);
    }
}
