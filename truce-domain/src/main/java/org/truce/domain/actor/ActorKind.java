package org.truce.domain.actor;

/** What sort of actor this is; decides, with designations, how agreements treat it. */
public enum ActorKind {
    STATE_FORCE,
    ARMED_GROUP,
    COALITION,
    MILITIA,
    HUMANITARIAN_AGENCY,
    GUARANTOR,
    INTERNATIONAL_BODY
}
