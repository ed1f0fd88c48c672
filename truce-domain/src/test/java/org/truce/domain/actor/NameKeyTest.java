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
        assertThat(directory.resolve("Jabhat Fatah al Sham")).isEmpty();
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
