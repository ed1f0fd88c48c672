package org.truce.domain.territory;

/** What a named line is. */
public enum LineKind { RIVER, ROAD, DEMARCATION_LINE, WITHDRAWAL_LINE }
