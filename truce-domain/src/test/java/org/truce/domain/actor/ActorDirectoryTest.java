package org.truce.domain.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.truce.domain.actor.ActorDirectory.Match;
import org.truce.domain.actor.ActorDirectory.NameKind;
import org.truce.domain.actor.ActorDirectory.Quality;

class ActorDirectoryTest {
    static final Instant RENAMED = Instant.parse("2016-07-27T21:00:00Z");
    static final Actor NUSRA = new Actor(new ActorId("jabhat-al-nusra"), "Jabhat al-Nusra", ActorKind.ARMED_GROUP, 2, "jihadist",
            List.of(new Alias("Nusra Front", "en", null, null), new Alias("جبهة النصرة", "ar", null, null),
                    new Alias("Джебхат ан-Нусра", "ru", null, null), new Alias("JFS", "en", RENAMED, null)),
            List.of(new Renaming("Jabhat Fateh al-Sham", RENAMED, "[NATIONAL]")),
            List.of(new Designation("UNSC-1267", Instant.parse("2014-05-14T00:00:00Z"), null, "UNSC")),
            List.of(new Affiliation(new ActorId("jaish-al-fatah"), Affiliation.Relation.MEMBER_OF, Instant.parse("2015-03-24T00:00:00Z"), null, null)),
            List.of());
    static final Actor AHRAR = new Actor(new ActorId("ahrar-al-sham"), "Ahrar al-Sham", ActorKind.ARMED_GROUP, 2, "opposition",
            List.of(new Alias("أحرار الشام", "ar", null, null), new Alias("Ахрар аш-Шам", "ru", null, null)),
            List.of(), List.of(), List.of(), List.of());
    static final Actor HEZBOLLAH = new Actor(new ActorId("hezbollah"), "Hezbollah", ActorKind.MILITIA, 3, null,
            List.of(new Alias("Хезболла", "ru", null, null)), List.of(), List.of(), List.of(), List.of());
    static final ActorDirectory DIRECTORY = new ActorDirectory(List.of(NUSRA, AHRAR, HEZBOLLAH));

    @Test
    void searchSaysWhichNameMatchedAndHow() {
        assertThat(one("jabhat-al-nusra")).satisfies(m -> assertThat(m.quality()).isEqualTo(Quality.ID));
        Match exact = one("Nusra Front");
        assertThat(exact.quality()).isEqualTo(Quality.EXACT);
        assertThat(exact.name().kind()).isEqualTo(NameKind.ALIAS);
        assertThat(exact.name().lang()).isEqualTo("en");

        Match arabic = one("جبهه النُّصره");
        assertThat(arabic.actor()).isEqualTo(NUSRA);
        assertThat(arabic.quality()).isEqualTo(Quality.SPELLING);
        assertThat(arabic.name().text()).isEqualTo("جبهة النصرة");
        assertThat(arabic.name().lang()).isEqualTo("ar");

        Match russian = one("джебхат ан нусра");
        assertThat(russian.quality()).isEqualTo(Quality.SPELLING);
        assertThat(russian.name().lang()).isEqualTo("ru");

        Match loose = one("Jebhat al Nosra");
        assertThat(loose.actor()).isEqualTo(NUSRA);
        assertThat(loose.quality()).isEqualTo(Quality.TRANSLITERATION);
        assertThat(loose.name().kind()).isEqualTo(NameKind.NAME);
        assertThat(loose.name().validTo()).as("the canonical name was in use until the renaming").isEqualTo(RENAMED);

        Match renamed = one("Jabhat Fateh al-Sham");
        assertThat(renamed.name().kind()).isEqualTo(NameKind.RENAMING);
        assertThat(renamed.name().validFrom()).isEqualTo(RENAMED);

        assertThat(one("Ахрар аш-Шам").actor()).isEqualTo(AHRAR);
        assertThat(one("احرار الشام").actor()).isEqualTo(AHRAR);
        assertThat(one("Hizbullah").actor()).isEqualTo(HEZBOLLAH);
        assertThat(DIRECTORY.search("Fatah Halab")).isEmpty();
        assertThat(DIRECTORY.search("  ")).isEmpty();
    }

    @Test
    void resolveUsesTransliterationOnlyWhenNoSpellingMatches() {
        assertThat(DIRECTORY.resolve("Jebhat al Nosra")).contains(NUSRA);
        assertThat(DIRECTORY.resolve("Хизбалла")).contains(HEZBOLLAH);
        assertThat(DIRECTORY.resolve("JFS")).contains(NUSRA);
        assertThat(DIRECTORY.resolve("JF")).isEmpty();
    }

    @Test
    void aLooseKeySharedByTwoActorsResolvesNeitherButSearchAnswersBoth() {
        Actor a = new Actor(new ActorId("liwa-al-quds"), "Liwa al-Quds", ActorKind.MILITIA, 3, null, List.of(), List.of(), List.of(), List.of(), List.of());
        Actor b = new Actor(new ActorId("liwa-al-qids"), "Liwa al-Qids", ActorKind.MILITIA, 3, null, List.of(), List.of(), List.of(), List.of(), List.of());
        ActorDirectory directory = new ActorDirectory(List.of(a, b));
        assertThat(directory.resolve("Liwa el-Qods")).isEmpty();
        assertThat(directory.resolve("Liwa al Quds")).as("a spelling match wins over a loose one").contains(a);
        assertThat(directory.search("Liwa el-Qods")).extracting(m -> m.actor().id().value()).containsExactly("liwa-al-qids", "liwa-al-quds");
        assertThat(directory.search("Liwa al Quds")).extracting(Match::quality).containsExactly(Quality.SPELLING, Quality.TRANSLITERATION);
    }

    @Test
    void anActorAsOfADateHasTheNamesDesignationsAndAffiliationsInForceThen() {
        Instant before = Instant.parse("2016-07-01T00:00:00Z");
        Instant after = Instant.parse("2016-08-01T00:00:00Z");
        assertThat(NUSRA.nameAt(before)).isEqualTo("Jabhat al-Nusra");
        assertThat(NUSRA.nameAt(after)).isEqualTo("Jabhat Fateh al-Sham");
        assertThat(NUSRA.aliasesAt(before)).extracting(Alias::name).doesNotContain("JFS");
        assertThat(NUSRA.aliasesAt(after)).extracting(Alias::name).contains("JFS", "Nusra Front");
        assertThat(NUSRA.designationsAt(Instant.parse("2014-01-01T00:00:00Z"))).isEmpty();
        assertThat(NUSRA.designationsAt(after)).extracting(Designation::list).containsExactly("UNSC-1267");
        assertThat(NUSRA.affiliationsAt(Instant.parse("2015-01-01T00:00:00Z"))).isEmpty();
        assertThat(NUSRA.affiliationsAt(after)).hasSize(1);
    }

    private static Match one(String query) {
        List<Match> matches = DIRECTORY.search(query);
        assertThat(matches).as(query).hasSize(1);
        return matches.get(0);
    }
}
