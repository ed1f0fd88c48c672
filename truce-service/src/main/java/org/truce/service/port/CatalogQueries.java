package org.truce.service.port;

import java.time.Instant;
import java.util.List;
import org.truce.domain.actor.Actor;
import org.truce.domain.actor.ActorId;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;

/** The read side of actors, agreements and territory. Lists are ordered by id. */
public interface CatalogQueries {
    /** The current version of every actor. */
    List<Actor> actors();

    /** Every recorded version of the actor {@code id}, oldest first; empty when there is no such actor. */
    List<ActorVersion> actorVersions(ActorId id);

    /** Every recorded version of every actor, in log order. */
    List<ActorVersion> actorVersions();

    /** The actor version recorded by the idempotent request whose key hashes to {@code idempotencyKeySha256}. */
    java.util.Optional<ActorVersion> actorVersionByRequest(String idempotencyKeySha256);

    List<Agreement> agreements();

    List<ControlArea> areas();

    /** The areas whose validity contains {@code at}. */
    default List<ControlArea> areasAt(Instant at) {
        return areasAt(at, null);
    }

    /**
     * The areas whose validity contains {@code at}, as Truce knew them at {@code knownAt}: only those
     * recorded by then (all when {@code knownAt} is null).
     */
    List<ControlArea> areasAt(Instant at, Instant knownAt);

    List<NamedLine> lines();

    List<Zone> zones();
}
