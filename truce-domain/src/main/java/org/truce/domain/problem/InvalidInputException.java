package org.truce.domain.problem;

import java.util.List;

/**
 * Raised at a use-case boundary when an input was rejected; carries every problem found. Adapters
 * turn it into a 4xx answer (HTTP) or a listed rejection (imports). Nothing was changed.
 */
public final class InvalidInputException extends RuntimeException {
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid input has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new Problem(field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Problem p : problems) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(p.field()).append(": ").append(p.message());
        }
        return text.toString();
    }
}
