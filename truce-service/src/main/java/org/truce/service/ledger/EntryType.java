package org.truce.service.ledger;

/** The entry types of schema version 1 (docs/spec/entry.md). */
public final class EntryType {
    public static final String REPORT_SUBMITTED = "report.submitted";
    public static final String ACTOR_RECORDED = "actor.recorded";
    public static final String AGREEMENT_RECORDED = "agreement.recorded";
    public static final String AREA_RECORDED = "area.recorded";
    public static final String LINE_RECORDED = "line.recorded";
    public static final String ZONE_RECORDED = "zone.recorded";

    private EntryType() {
    }
}
