package org.truce.domain.agreement;

import java.util.Objects;

/** One duty of an agreement: a catalogue code, the paraphrased text, whom it binds, and its source. */
public record Obligation(ObligationCode code, String text, AppliesTo appliesTo, String source) {
    public Obligation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(appliesTo, "appliesTo");
    }
}
