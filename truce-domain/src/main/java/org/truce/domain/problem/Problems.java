package org.truce.domain.problem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem found in an input, so that a client is told about all of them at once
 * rather than one per round trip. Invalid input is data, not an exception.
 */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public Problems add(String field, String message) {
        found.add(new Problem(field, message));
        return this;
    }

    public Problems addAll(List<Problem> problems) {
        found.addAll(problems);
        return this;
    }

    /** Adds {@code message} for {@code field} unless {@code condition} holds; returns the condition. */
    public boolean check(boolean condition, String field, String message) {
        if (!condition) {
            add(field, message);
        }
        return condition;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Problem> list() {
        return Collections.unmodifiableList(found);
    }

    /** Throws {@link InvalidInputException} if any problem was found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(List.copyOf(found));
        }
    }
}
