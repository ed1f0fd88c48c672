package org.truce.domain.release;

import java.util.Objects;
import java.util.Optional;
import org.truce.domain.actor.ActorId;

/**
 * Who may read a field: everyone, the monitoring team, the guarantors, one party to the conflict, or
 * only whoever submitted it. The guarantors may read every field (their disclosure replays
 * everything); a field the public may not read appears in the public log only as a salted commitment.
 *
 * <p>Written as {@code public}, {@code monitors}, {@code guarantors}, {@code party:<actor-id>},
 * {@code originator}.
 */
public sealed interface Marking {
    Marking PUBLIC = new Public();
    Marking MONITORS = new Monitors();
    Marking GUARANTORS = new Guarantors();
    Marking ORIGINATOR = new Originator();

    /** The written form. */
    String code();

    default boolean isPublic() {
        return this instanceof Public;
    }

    /** Reads a written marking, or empty when it is not one. */
    static Optional<Marking> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return switch (code) {
            case "public" -> Optional.of(PUBLIC);
            case "monitors" -> Optional.of(MONITORS);
            case "guarantors" -> Optional.of(GUARANTORS);
            case "originator" -> Optional.of(ORIGINATOR);
            default -> code.startsWith(Party.PREFIX) && ActorId.isValid(code.substring(Party.PREFIX.length()))
                    ? Optional.of(new Party(new ActorId(code.substring(Party.PREFIX.length()))))
                    : Optional.empty();
        };
    }

    /** What {@link #parse} accepts, for error messages. */
    String FORMS = "public, monitors, guarantors, party:<actor-id> or originator";

    record Public() implements Marking {
        @Override
        public String code() {
            return "public";
        }
    }

    record Monitors() implements Marking {
        @Override
        public String code() {
            return "monitors";
        }
    }

    record Guarantors() implements Marking {
        @Override
        public String code() {
            return "guarantors";
        }
    }

    /** Readable by one party to the conflict (and by the guarantors). */
    record Party(ActorId actor) implements Marking {
        static final String PREFIX = "party:";

        public Party {
            Objects.requireNonNull(actor, "actor");
        }

        @Override
        public String code() {
            return PREFIX + actor.value();
        }
    }

    /** Readable by whoever submitted the entry (and by the guarantors). */
    record Originator() implements Marking {
        @Override
        public String code() {
            return "originator";
        }
    }
}
