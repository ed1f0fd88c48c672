package org.truce.domain.release;

import java.util.Objects;
import java.util.Optional;
import org.truce.domain.actor.ActorId;

/**
 * A reader of the record, as far as releasability goes: the public, the monitors, the guarantors,
 * one party, or one originator (a principal, who may read everything it submitted).
 *
 * <p>Written as {@code public}, {@code monitors}, {@code guarantors}, {@code party:<actor-id>},
 * {@code originator:<principal>}.
 */
public sealed interface Audience {
    Audience PUBLIC = new Everyone();
    Audience MONITORS = new Monitors();
    Audience GUARANTORS = new Guarantors();

    String code();

    /**
     * Whether this audience may read a field with {@code marking} in an entry submitted by
     * {@code originator}.
     */
    boolean mayRead(Marking marking, String originator);

    /** What {@link #parse} accepts, for error messages. */
    String FORMS = "public, monitors, guarantors, party:<actor-id> or originator:<principal>";

    static Optional<Audience> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return switch (code) {
            case "public" -> Optional.of(PUBLIC);
            case "monitors" -> Optional.of(MONITORS);
            case "guarantors" -> Optional.of(GUARANTORS);
            default -> {
                if (code.startsWith("party:") && ActorId.isValid(code.substring("party:".length()))) {
                    yield Optional.of(new Party(new ActorId(code.substring("party:".length()))));
                }
                if (code.startsWith("originator:") && code.length() > "originator:".length()) {
                    yield Optional.of(new Originator(code.substring("originator:".length())));
                }
                yield Optional.empty();
            }
        };
    }

    record Everyone() implements Audience {
        @Override
        public String code() {
            return "public";
        }

        @Override
        public boolean mayRead(Marking marking, String originator) {
            return marking.isPublic();
        }
    }

    record Monitors() implements Audience {
        @Override
        public String code() {
            return "monitors";
        }

        @Override
        public boolean mayRead(Marking marking, String originator) {
            return marking.isPublic() || marking instanceof Marking.Monitors;
        }
    }

    /** The guarantors read everything: their disclosure replays the whole record. */
    record Guarantors() implements Audience {
        @Override
        public String code() {
            return "guarantors";
        }

        @Override
        public boolean mayRead(Marking marking, String originator) {
            return true;
        }
    }

    record Party(ActorId actor) implements Audience {
        public Party {
            Objects.requireNonNull(actor, "actor");
        }

        @Override
        public String code() {
            return "party:" + actor.value();
        }

        @Override
        public boolean mayRead(Marking marking, String originator) {
            return marking.isPublic() || marking.equals(new Marking.Party(actor));
        }
    }

    /** Whoever submitted an entry knows all of it, whatever its markings. */
    record Originator(String principal) implements Audience {
        public Originator {
            Objects.requireNonNull(principal, "principal");
        }

        @Override
        public String code() {
            return "originator:" + principal;
        }

        @Override
        public boolean mayRead(Marking marking, String originator) {
            return marking.isPublic() || principal.equals(originator);
        }
    }
}
