package org.truce.domain.agreement;

/** Which parties an obligation binds. */
public enum AppliesTo { ALL_PARTIES, GOVERNMENT_SIDE, ARMED_OPPOSITION, GUARANTORS }
