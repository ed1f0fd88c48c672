package org.truce.domain.agreement;

import java.time.Instant;
import java.util.Objects;
import org.truce.domain.actor.ActorId;

/**
 * A party's declaration that it accepts an agreement, made to one guarantor at an instant. {@code zone}
 * names the zone the declaration covers when it covers less than the agreement's scope (a group
 * adhering for its own front only), or is null.
 */
public record Adherence(ActorId actor, ActorId declaredTo, Instant declaredAt, String source, String zone) {
    public Adherence {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(declaredAt, "declaredAt");
    }

    /** A declaration covering the agreement's whole scope. */
    public Adherence(ActorId actor, ActorId declaredTo, Instant declaredAt, String source) {
        this(actor, declaredTo, declaredAt, source, null);
    }
}
