package org.truce.domain.territory;

import java.util.List;

/**
 * Who controlled a place at an instant: the areas valid then that cover it (or meet the radius around
 * it), ordered by actor id then area id, and what they amount to. {@code SINGLE}: one actor's areas;
 * {@code CONTESTED}: several actors', all covered by the agreements in force or all excluded from
 * them; {@code MIXED}: covered and excluded actors share the ground (the dispute of 2016 over East
 * Aleppo, where Jabhat al-Nusra fought beside groups the cessation covered); {@code NONE}: no recorded
 * area. See {@link Territory} for how a point on a border is answered.
 */
public record ControlAnswer(Status status, List<ControlArea> controllers) {
    public enum Status { SINGLE, CONTESTED, MIXED, NONE }

    public ControlAnswer {
        controllers = List.copyOf(controllers);
    }
}
