package org.truce.domain.report;

import java.util.Objects;

/**
 * Who reported, and the Admiralty grade the submitter gave: the source's reliability (A–F) and this
 * report's credibility (1 confirmed … 6 cannot be judged). The name is null where it is withheld
 * from the reader (a protected source); a submitted report always names its source.
 */
public record Source(String name, Reliability reliability, int credibility) {
    public Source {
        Objects.requireNonNull(reliability, "reliability");
        if (credibility < 1 || credibility > 6) {
            throw new IllegalArgumentException("credibility must be within 1..6, got " + credibility);
        }
    }

    /** The combined code, e.g. {@code B2}. */
    public String grade() {
        return reliability.name() + credibility;
    }
}
