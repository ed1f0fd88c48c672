package org.truce.domain.report;

/** Admiralty (STANAG 2511) source reliability, A (completely reliable) to F (cannot be judged). */
public enum Reliability {
    A("Completely reliable"), B("Usually reliable"), C("Fairly reliable"),
    D("Not usually reliable"), E("Unreliable"), F("Reliability cannot be judged");

    private final String label;

    Reliability(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
