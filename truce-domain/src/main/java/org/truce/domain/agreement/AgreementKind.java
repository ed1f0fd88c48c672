package org.truce.domain.agreement;

/** The kinds of instrument Truce records (domain.md a.5). */
public enum AgreementKind { COH, ARRANGEMENT, REGIME_OF_CALM, HUMANITARIAN_PAUSE, LOCAL_TRUCE, EVACUATION_DEAL }
