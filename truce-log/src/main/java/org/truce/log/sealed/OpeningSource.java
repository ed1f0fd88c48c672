package org.truce.log.sealed;

import java.util.Optional;

/** Somewhere openings can be looked up: the node's own store, or a disclosure bundle being replayed. */
@FunctionalInterface
public interface OpeningSource {
    /** No openings at all: what a mirror of the public log can open. */
    OpeningSource NONE = commitment -> Optional.empty();

    /** The opening of {@code commitment}, or empty when unknown (or destroyed). */
    Optional<Opening> find(byte[] commitment);
}
