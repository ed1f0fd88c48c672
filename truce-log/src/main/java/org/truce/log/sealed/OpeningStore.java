package org.truce.log.sealed;

import java.util.List;
import java.util.Optional;

/**
 * Where the openings of sealed fields are kept: beside the log, never in it. Keyed by commitment, so
 * an opening written for an entry that never reached the log (the process died in between) is an
 * orphan no entry refers to, never a wrong answer for another entry.
 *
 * <p>Architecture invariant: once {@link #putAll} returns, the openings are durable (they survive
 * SIGKILL and power loss), like an acknowledged log entry. The write path stores openings first and
 * appends the entry second, so an acknowledged entry's openings are always present (unless destroyed).
 *
 * <p>Implementations are safe for concurrent use; concurrent puts may share one flush (group commit).
 */
public interface OpeningStore extends OpeningSource, AutoCloseable {
    /**
     * Stores the openings durably. An opening whose commitment is already stored is left as it is.
     *
     * @throws IllegalArgumentException if an opening does not {@linkplain Opening#matches match} its commitment
     * @throws org.truce.log.LogUnavailableException if they could not be made durable
     */
    void putAll(List<Opening> openings);

    /** The opening of {@code commitment}, or empty when unknown or destroyed. */
    @Override
    Optional<Opening> find(byte[] commitment);

    /**
     * Destroys the salt and value of {@code commitment} where they are stored (crypto-shredding a
     * compromised source): the commitment stays valid in the log, and nobody can open it any more.
     * Returns whether there was anything to destroy. Durable once it returns.
     */
    boolean destroy(byte[] commitment);

    @Override
    void close();
}
