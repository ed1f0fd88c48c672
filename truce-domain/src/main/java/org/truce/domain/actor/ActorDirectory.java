package org.truce.domain.actor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds actors by id or by any of their names, spelled loosely ({@link NameKey}). Immutable.
 *
 * <p>A query is tried against the ids, then the spelling keys of every name, then (for keys long
 * enough) the transliteration keys. {@link #resolve} answers one actor or none: when two actors
 * share the best key a query reaches, the name is ambiguous and does not resolve, and a looser key
 * is not tried, since a closer reading already found more than one candidate. {@link #search}
 * answers every candidate with the name that matched and how.
 */
public final class ActorDirectory {
    /** How a name matched a query, best first. */
    public enum Quality {
        /** the query is the actor's id */
        ID,
        /** the query is one of its names, character for character (surrounding spaces aside) */
        EXACT,
        /** the same spelling key: case, diacritics, articles, Arabic letter forms, ё */
        SPELLING,
        /** the same transliteration key: vowels, doubled letters, Cyrillic read as Latin */
        TRANSLITERATION
    }

    /**
     * What kind of name it is, in the order a tie between names of one actor is broken: a person
     * who typed a spelling of the id slug meant the name it was made from.
     */
    public enum NameKind { NAME, RENAMING, ALIAS, ID }

    /**
     * One name of an actor, with its language (null for the canonical name, renamings and the id)
     * and the time it was in use where that is known: an alias's validity, a renaming from its date
     * to the next, the canonical name until the first renaming.
     */
    public record Name(ActorId actor, String text, NameKind kind, String lang, Instant validFrom, Instant validTo) {
    }

    /** A candidate for a query. */
    public record Match(Actor actor, Name name, Quality quality) {
    }

    private final Map<ActorId, Actor> byId = new TreeMap<>();
    private final Map<String, List<Name>> bySpelling = new HashMap<>();
    private final Map<String, List<Name>> byTransliteration = new HashMap<>();

    public ActorDirectory(List<Actor> actors) {
        for (Actor actor : actors) {
            byId.put(actor.id(), actor);
        }
        for (Actor actor : byId.values()) {
            for (Name name : names(actor)) {
                index(bySpelling, NameKey.of(name.text()), name);
                String loose = NameKey.transliteration(name.text());
                if (NameKey.usableTransliteration(loose)) {
                    index(byTransliteration, loose, name);
                }
            }
        }
    }

    /** Every name of {@code actor}: its id, canonical name, renamings and aliases, in that order. */
    public static List<Name> names(Actor actor) {
        List<Name> names = new ArrayList<>();
        names.add(new Name(actor.id(), actor.id().value(), NameKind.ID, null, null, null));
        List<Renaming> renamings = actor.renamings().stream().sorted(Comparator.comparing(Renaming::on)).toList();
        names.add(new Name(actor.id(), actor.name(), NameKind.NAME, null, null, renamings.isEmpty() ? null : renamings.get(0).on()));
        for (int i = 0; i < renamings.size(); i++) {
            Renaming r = renamings.get(i);
            names.add(new Name(actor.id(), r.name(), NameKind.RENAMING, null, r.on(), i + 1 < renamings.size() ? renamings.get(i + 1).on() : null));
        }
        for (Alias a : actor.aliases()) {
            names.add(new Name(actor.id(), a.name(), NameKind.ALIAS, a.lang(), a.validFrom(), a.validTo()));
        }
        return names;
    }

    private static void index(Map<String, List<Name>> index, String key, Name name) {
        if (!key.isEmpty()) {
            index.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
        }
    }

    public Optional<Actor> byId(ActorId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every actor, in id order. */
    public List<Actor> actors() {
        return List.copyOf(byId.values());
    }

    /** Resolves an id, a name or an alias; empty when unknown or ambiguous. */
    public Optional<Actor> resolve(String nameOrId) {
        if (ActorId.isValid(nameOrId) && byId.containsKey(new ActorId(nameOrId))) {
            return byId(new ActorId(nameOrId));
        }
        List<Name> spelled = bySpelling.getOrDefault(NameKey.of(nameOrId), List.of());
        if (!spelled.isEmpty()) {
            return only(spelled);
        }
        String loose = NameKey.transliteration(nameOrId);
        return NameKey.usableTransliteration(loose) ? only(byTransliteration.getOrDefault(loose, List.of())) : Optional.empty();
    }

    private Optional<Actor> only(List<Name> names) {
        ActorId first = names.isEmpty() ? null : names.get(0).actor();
        boolean one = first != null && names.stream().allMatch(n -> n.actor().equals(first));
        return one ? byId(first) : Optional.empty();
    }

    /**
     * Every actor a query may mean, each with its best-matching name, best match first (then by
     * id). Unlike {@link #resolve}, ambiguous and loose candidates are all answered.
     */
    public List<Match> search(String query) {
        String text = query.strip();
        Map<ActorId, Match> best = new LinkedHashMap<>();
        if (ActorId.isValid(text) && byId.containsKey(new ActorId(text))) {
            Actor actor = byId.get(new ActorId(text));
            consider(best, new Match(actor, names(actor).get(0), Quality.ID));
        }
        for (Name name : bySpelling.getOrDefault(NameKey.of(text), List.of())) {
            consider(best, new Match(byId.get(name.actor()), name, name.text().strip().equals(text) ? Quality.EXACT : Quality.SPELLING));
        }
        String loose = NameKey.transliteration(text);
        if (NameKey.usableTransliteration(loose)) {
            for (Name name : byTransliteration.getOrDefault(loose, List.of())) {
                consider(best, new Match(byId.get(name.actor()), name, Quality.TRANSLITERATION));
            }
        }
        return best.values().stream()
                .sorted(Comparator.comparing(Match::quality).thenComparing(m -> m.actor().id()))
                .toList();
    }

    private static void consider(Map<ActorId, Match> best, Match candidate) {
        best.merge(candidate.actor().id(), candidate, (a, b) -> better(b, a) ? b : a);
    }

    private static boolean better(Match a, Match b) {
        if (a.quality() != b.quality()) {
            return a.quality().compareTo(b.quality()) < 0;
        }
        return a.name().kind().compareTo(b.name().kind()) < 0;
    }

    public int size() {
        return byId.size();
    }
}
