package org.truce.domain.report;

import java.util.Objects;
import org.truce.domain.actor.ActorId;

/**
 * An actor as a report names it: the name as given, and the registered actor it resolved to, if any.
 * An unknown name is kept, not rejected: a field report must not be lost because it names a group
 * the registry does not know yet.
 */
public record ActorRef(String givenName, ActorId actor) {
    public ActorRef {
        Objects.requireNonNull(givenName, "givenName");
    }

    public boolean isResolved() {
        return actor != null;
    }
}
