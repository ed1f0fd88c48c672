package org.truce.domain.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * ACLED's event taxonomy: six event types, each with its sub-event types, spelled exactly as ACLED
 * publishes them so that data round-trips (domain.md b.1).
 */
public enum EventType {
    BATTLES("Battles", List.of("Armed clash", "Government regains territory", "Non-state actor overtakes territory")),
    EXPLOSIONS_REMOTE_VIOLENCE("Explosions/Remote violence", List.of("Chemical weapon", "Air/drone strike", "Suicide bomb",
            "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade")),
    VIOLENCE_AGAINST_CIVILIANS("Violence against civilians", List.of("Sexual violence", "Attack", "Abduction/forced disappearance")),
    PROTESTS("Protests", List.of("Peaceful protest", "Protest with intervention", "Excessive force against protesters")),
    RIOTS("Riots", List.of("Violent demonstration", "Mob violence")),
    STRATEGIC_DEVELOPMENTS("Strategic developments", List.of("Agreement", "Arrests", "Change to group/activity",
            "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction",
            "Non-violent transfer of territory", "Other"));

    private final String label;
    private final List<String> subTypes;

    EventType(String label, List<String> subTypes) {
        this.label = label;
        this.subTypes = subTypes;
    }

    public String label() {
        return label;
    }

    public List<String> subTypes() {
        return subTypes;
    }

    public boolean hasSubType(String subType) {
        return subTypes.contains(subType);
    }

    /** The type with this exact ACLED label. */
    public static Optional<EventType> ofLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(EventType::label).toList();
    }
}
