package org.truce.cli.command;

import java.util.List;
import java.util.Objects;
import org.truce.cli.Runtime;
import org.truce.service.port.ReportQuery;
import org.truce.service.port.StoredReport;
import org.truce.service.port.Store;

/** Compares the store's projections with a replay of the log, naming the first difference. */
final class ReplayComparison {
    private static final int PAGE = ReportQuery.MAX_LIMIT;

    private ReplayComparison() {
    }

    /** Null when the projections equal the replay, else the first difference. */
    static String compare(Runtime runtime) {
        try (Runtime.Replayed replayed = runtime.replay()) {
            return compare(runtime.store(), replayed.store());
        }
    }

    /** Null when the two stores hold the same projections, else the first difference. */
    static String compare(Store stored, Store fresh) {
        String difference = firstDifference("actors", stored.actors(), fresh.actors());
        difference = difference != null ? difference : firstDifference("agreements", stored.agreements(), fresh.agreements());
        difference = difference != null ? difference : firstDifference("areas", stored.areas(), fresh.areas());
        difference = difference != null ? difference : firstDifference("lines", stored.lines(), fresh.lines());
        difference = difference != null ? difference : firstDifference("zones", stored.zones(), fresh.zones());
        difference = difference != null ? difference : reports(stored, fresh);
        if (difference == null && stored.appliedSize() != fresh.appliedSize()) {
            difference = "the store reflects " + stored.appliedSize() + " entries, the replay " + fresh.appliedSize();
        }
        return difference;
    }

    private static String reports(Store stored, Store fresh) {
        if (stored.countReports() != fresh.countReports()) {
            return "reports: the store holds " + stored.countReports() + ", the replay " + fresh.countReports();
        }
        long after = -1;
        while (true) {
            List<StoredReport> a = stored.listReports(new ReportQuery(null, null, null, after, PAGE));
            List<StoredReport> b = fresh.listReports(new ReportQuery(null, null, null, after, PAGE));
            String difference = firstDifference("reports", a, b);
            if (difference != null || a.isEmpty()) {
                return difference;
            }
            after = a.get(a.size() - 1).recorded().logIndex();
        }
    }

    private static <T> String firstDifference(String what, List<T> stored, List<T> replayed) {
        for (int i = 0; i < Math.max(stored.size(), replayed.size()); i++) {
            T a = i < stored.size() ? stored.get(i) : null;
            T b = i < replayed.size() ? replayed.get(i) : null;
            if (!Objects.equals(a, b)) {
                return what + " differ at position " + i + ":\n  store:  " + a + "\n  replay: " + b;
            }
        }
        return null;
    }
}
