package com.flashsale.orders.lag;

import java.util.Locale;

/**
 * The lag report as a fixed-width text table, one line per partition: what {@code ./flashsale status}
 * prints (it asks {@code GET /ops/lag} for {@code text/plain}), the same figures as the JSON.
 */
public final class LagTable {

    private static final String ROW = "%-9s %10s %10s %10s %8s %12s %10s %10s  %-8s %s%n";

    private LagTable() {}

    public static String of(LagReport report) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "lag of %s (group %s), sampled %s, status over %d samples every %d ms: %d waiting%n",
                report.topic(),
                report.group(),
                report.sampledAt(),
                report.window(),
                report.sampleEveryMs(),
                report.totalLag()));
        table.append(String.format(
                Locale.ROOT,
                ROW,
                "PARTITION",
                "END",
                "APPLIED",
                "COMMITTED",
                "LAG",
                "OLDEST",
                "APPLIED/S",
                "DRAIN",
                "STATUS",
                "CONSUMER"));
        for (PartitionLag p : report.partitions()) {
            table.append(String.format(
                    Locale.ROOT,
                    ROW,
                    p.partition(),
                    p.endOffset(),
                    p.appliedOffset(),
                    p.committedOffset() == null ? "-" : p.committedOffset(),
                    p.lag(),
                    p.oldestWaitingAgeMs() == null ? "-" : seconds(p.oldestWaitingAgeMs()),
                    String.format(Locale.ROOT, "%.1f", p.applyRatePerSecond()),
                    p.drainEstimateSeconds() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.1f s", p.drainEstimateSeconds()),
                    p.status(),
                    p.owner() == null
                            ? "none"
                            : p.owner().clientId() + " " + p.owner().host()));
        }
        return table.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
