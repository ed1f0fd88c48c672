package org.truce.domain.problem;

import java.util.Objects;

/**
 * One thing wrong with an input: the field it concerns (a JSON-pointer-like dotted path such as
 * {@code location.lat}, or {@code features[3].properties.valid_to}) and a sentence saying what is wrong.
 */
public record Problem(String field, String message) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
