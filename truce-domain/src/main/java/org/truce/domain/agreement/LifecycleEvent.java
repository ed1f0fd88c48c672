package org.truce.domain.agreement;

import java.time.Instant;
import java.util.Objects;
import org.truce.domain.actor.ActorId;

/** A step in an agreement's life; {@code by} names the party when the step is one party's (DECLARED_OVER). */
public record LifecycleEvent(AgreementStatus status, Instant at, ActorId by, String note, String source) {
    public LifecycleEvent {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
