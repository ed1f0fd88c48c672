package org.truce.domain.territory;

/** How sure the source of a control area is of its extent and dates. */
public enum Confidence { HIGH, MEDIUM, LOW }
