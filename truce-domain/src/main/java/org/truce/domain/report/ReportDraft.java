package org.truce.domain.report;

/**
 * A report as submitted, before validation: every field may be missing (null) or out of range.
 * Adapters fill it from JSON, CSV or forms after checking only the wire types;
 * {@link ReportRules#validate} decides what it means.
 */
public record ReportDraft(
        String occurredFrom,
        String occurredTo,
        PlaceDraft location,
        PlaceDraft origin,
        String eventType,
        String subEventType,
        String perpetrator,
        String target,
        java.util.List<String> involved,
        Long fatalities,
        SourceDraft source,
        String description,
        String externalId) {

    /** A point as submitted. */
    public record PlaceDraft(Double lat, Double lon, Double precisionMeters) {
    }

    /** A source as submitted. */
    public record SourceDraft(String name, String reliability, Long credibility) {
    }
}
