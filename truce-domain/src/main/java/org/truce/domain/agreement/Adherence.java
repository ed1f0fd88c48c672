package org.truce.domain.agreement;

import java.time.Instant;
import java.util.Objects;
import org.truce.domain.actor.ActorId;

/** A party's declaration that it accepts an agreement, made to one guarantor at an instant. */
public record Adherence(ActorId actor, ActorId declaredTo, Instant declaredAt, String source) {
    public Adherence {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(declaredAt, "declaredAt");
    }
}
