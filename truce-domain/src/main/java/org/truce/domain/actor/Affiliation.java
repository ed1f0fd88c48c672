package org.truce.domain.actor;

import java.time.Instant;
import java.util.Objects;

/**
 * A dated relation to another actor: membership of a coalition or operations room (Jaish al-Fatah
 * included Nusra and Ahrar al-Sham), being part of a force, backing or alliance.
 */
public record Affiliation(ActorId actor, Relation relation, Instant from, Instant to, String source) {
    public enum Relation { MEMBER_OF, PART_OF, BACKED_BY, ALLIED_WITH }

    public Affiliation {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(relation, "relation");
    }

    public boolean activeAt(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }
}
