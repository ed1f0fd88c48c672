package org.truce.domain.actor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A party, force, group, agency or guarantor, with its names over time, designations and
 * affiliations. {@code acledInter} is the ACLED actor-type code 1–8, or null when not applicable.
 */
public record Actor(
        ActorId id,
        String name,
        ActorKind kind,
        Integer acledInter,
        String alignment,
        List<Alias> aliases,
        List<Renaming> renamings,
        List<Designation> designations,
        List<Affiliation> affiliations,
        List<String> sources) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (acledInter != null && (acledInter < 1 || acledInter > 8)) {
            throw new IllegalArgumentException("ACLED inter code must be within 1..8, got " + acledInter);
        }
        aliases = List.copyOf(aliases);
        renamings = List.copyOf(renamings);
        designations = List.copyOf(designations);
        affiliations = List.copyOf(affiliations);
        sources = List.copyOf(sources);
    }

    /** The name the actor went by at {@code at}: the latest renaming on or before it, else the canonical name. */
    public String nameAt(Instant at) {
        return renamings.stream()
                .filter(r -> !r.on().isAfter(at))
                .max(Comparator.comparing(Renaming::on))
                .map(Renaming::name)
                .orElse(name);
    }

    /** True if the actor was on any designation list at {@code at}. */
    public boolean designatedAt(Instant at) {
        return designations.stream().anyMatch(d -> d.activeAt(at));
    }

    /** True if the actor was on the named list at {@code at}. */
    public boolean designatedAt(String list, Instant at) {
        return designations.stream().anyMatch(d -> d.list().equals(list) && d.activeAt(at));
    }

    /** The aliases in use at {@code at}: those without a validity, and those whose validity contains it. */
    public List<Alias> aliasesAt(Instant at) {
        return aliases.stream().filter(a -> a.validAt(at)).toList();
    }

    /** The designations in force at {@code at}. */
    public List<Designation> designationsAt(Instant at) {
        return designations.stream().filter(d -> d.activeAt(at)).toList();
    }

    /** The affiliations that held at {@code at}. */
    public List<Affiliation> affiliationsAt(Instant at) {
        return affiliations.stream().filter(a -> a.activeAt(at)).toList();
    }

    /** Every name this actor is known by: canonical name, renamings and aliases. */
    public List<String> allNames() {
        var names = new java.util.ArrayList<String>();
        names.add(name);
        renamings.forEach(r -> names.add(r.name()));
        aliases.forEach(a -> names.add(a.name()));
        return names;
    }
}
