package org.truce.domain.agreement;

/** The catalogue of checkable duties (domain.md a.4). */
public enum ObligationCode {
    ADHERE, UNSCR2254, CEASE_ATTACKS, NO_TERRITORY, HUM_ACCESS, PROPORTIONATE, DETAINEES,
    NO_ACTION_VS_ADHERENTS, EXCHANGE_INFO, JOINT_ASSESSMENT, MIN_AVIATION, CASTELLO_DMZ, NO_FLY_DESIGNATED
}
