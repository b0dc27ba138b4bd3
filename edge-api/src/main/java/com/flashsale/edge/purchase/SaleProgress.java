package com.flashsale.edge.purchase;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A sale's progress for the admin's dashboard: stock and units sold, the request rate, refusals by
 * reason and a per-second series (units sold so far, requests and rejections in each second) from
 * the sale's start or its first request, at most the last {@link #SPAN}. Requests are counted in the
 * second they were accepted, units and rejections in the second they were decided.
 */
public record SaleProgress(
        UUID saleId,
        int stock,
        int remaining,
        long sold,
        Instant startsAt,
        Instant endsAt,
        String status,
        double requestsPerSecond,
        Map<String, Long> refusals,
        Map<String, Long> edgeRefusals,
        List<Second> series) {

    /** The longest series answered. */
    public static final Duration SPAN = Duration.ofMinutes(10);

    /** The seconds {@link #requestsPerSecond} is the mean of: the last complete ones. */
    static final int RATE_SECONDS = 5;

    /** One second of the series: units sold up to its end, requests accepted and rejections decided in it. */
    public record Second(Instant at, long sold, long requests, long rejected) {}

    /** What the orders read contract holds for one second: requests accepted, units confirmed, rejections. */
    public record Counts(Instant second, long requests, long confirmed, long rejected) {}

    /**
     * The decided requests of a sale as stored: per-second counts from {@code from} on, and the totals
     * of all time (confirmed units, rejections by reason).
     */
    public record Stored(List<Counts> seconds, long confirmed, Map<String, Long> rejected) {}

    /** Where the stored seconds must start for an answer at {@code now}. */
    public static Instant readFrom(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).minus(SPAN).plusSeconds(1);
    }

    /**
     * The progress at {@code now}; only the seconds at or after {@code since} when it is given.
     *
     * @param sale the sale's definition as the edge knows it: id, stock, remaining, window, status
     * @param edge this edge's own refusals of the sale, by reason
     */
    public static SaleProgress of(Sale sale, Stored stored, Map<String, Long> edge, Instant now, Instant since) {
        Instant last = now.truncatedTo(ChronoUnit.SECONDS);
        Instant first = sale.startsAt().truncatedTo(ChronoUnit.SECONDS);
        Map<Instant, Counts> bySecond = new TreeMap<>();
        for (Counts counts : stored.seconds()) {
            bySecond.merge(counts.second(), counts, SaleProgress::sum);
            if (counts.second().isBefore(first)) {
                first = counts.second();
            }
        }
        if (first.isBefore(readFrom(now))) {
            first = readFrom(now);
        }
        long confirmedInWindow = 0;
        for (Counts counts : bySecond.values()) {
            if (!counts.second().isBefore(first)) {
                confirmedInWindow += counts.confirmed();
            }
        }
        long sold = stored.confirmed() - confirmedInWindow;
        List<Second> series = new ArrayList<>();
        for (Instant at = first; !at.isAfter(last); at = at.plusSeconds(1)) {
            Counts counts = bySecond.getOrDefault(at, new Counts(at, 0, 0, 0));
            sold += counts.confirmed();
            series.add(new Second(at, sold, counts.requests(), counts.rejected()));
        }
        Map<String, Long> refusals = new TreeMap<>(stored.rejected());
        edge.forEach((reason, count) -> refusals.merge(reason, count, Long::sum));
        Instant from = since == null ? null : since.truncatedTo(ChronoUnit.SECONDS);
        return new SaleProgress(
                sale.saleId(),
                sale.stock(),
                sale.remaining(),
                stored.confirmed(),
                sale.startsAt(),
                sale.endsAt(),
                sale.status(),
                rate(series, last),
                refusals,
                new TreeMap<>(edge),
                from == null
                        ? series
                        : series.stream().filter(s -> !s.at().isBefore(from)).toList());
    }

    /** What the edge knows of the sale itself. */
    public record Sale(UUID saleId, int stock, int remaining, Instant startsAt, Instant endsAt, String status) {}

    // The second now in progress is not complete: its count would drag the rate down.
    private static double rate(List<Second> series, Instant current) {
        long requests = 0;
        int seconds = 0;
        for (int i = series.size() - 1; i >= 0 && seconds < RATE_SECONDS; i--) {
            Second second = series.get(i);
            if (second.at().isBefore(current)) {
                requests += second.requests();
                seconds++;
            }
        }
        return seconds == 0 ? 0.0 : (double) requests / seconds;
    }

    private static Counts sum(Counts a, Counts b) {
        return new Counts(
                a.second(), a.requests() + b.requests(), a.confirmed() + b.confirmed(), a.rejected() + b.rejected());
    }
}
