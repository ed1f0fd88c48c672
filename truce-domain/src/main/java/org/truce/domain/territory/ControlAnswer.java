package org.truce.domain.territory;

import java.util.List;

/**
 * Who controlled a place at an instant. {@code SINGLE}: one actor; {@code CONTESTED}: several actors'
 * areas cover it; {@code NONE}: no recorded area covers it. (Telling CONTESTED from MIXED needs the
 * agreements' coverage and is answered where agreements are known.)
 */
public record ControlAnswer(Status status, List<ControlArea> controllers) {
    public enum Status { SINGLE, CONTESTED, MIXED, NONE }

    public ControlAnswer {
        controllers = List.copyOf(controllers);
    }
}
