package org.truce.service.port;

import java.time.Instant;
import org.truce.domain.actor.Actor;
import org.truce.service.ledger.Entry;

/**
 * One recorded version of an actor: the actor as its entry at {@code logIndex} recorded it, who
 * recorded it and when, and the hashes of the idempotent request that created it (or null).
 * {@code recordedAt} and {@code principal} are null only for a version projected before the store
 * kept versions; {@code truce rebuild} fills them from the log.
 */
public record ActorVersion(Actor actor, long logIndex, Instant recordedAt, String principal, Entry.RequestHashes request) {
}
