package org.truce.service.port;

import java.time.Instant;
import java.util.List;
import org.truce.domain.actor.Actor;
import org.truce.domain.agreement.Agreement;
import org.truce.domain.territory.ControlArea;
import org.truce.domain.territory.NamedLine;
import org.truce.domain.territory.Zone;

/** The read side of actors, agreements and territory. Lists are ordered by id. */
public interface CatalogQueries {
    List<Actor> actors();

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
