package org.truce.domain.actor;

import java.time.Instant;
import java.util.Objects;

/**
 * Another name of an actor, in a language ({@code en}, {@code ar}, {@code ru}, ...), optionally
 * valid only for a time: the name Jabhat Fateh al-Sham is valid from 28 July 2016.
 * {@code validFrom}/{@code validTo} may be null (always / still).
 */
public record Alias(String name, String lang, Instant validFrom, Instant validTo) {
    public Alias {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lang, "lang");
        if (name.isBlank()) {
            throw new IllegalArgumentException("alias must not be blank");
        }
    }

    public boolean validAt(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom)) && (validTo == null || at.isBefore(validTo));
    }
}
