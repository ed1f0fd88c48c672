package org.truce.domain.agreement;

/** Lifecycle states of an agreement; DECLARED_OVER is per party (one side may end it for itself). */
public enum AgreementStatus { DRAFT, ANNOUNCED, ENDORSED, IN_FORCE, EXTENDED, SUSPENDED, DECLARED_OVER, LAPSED, SUPERSEDED }
