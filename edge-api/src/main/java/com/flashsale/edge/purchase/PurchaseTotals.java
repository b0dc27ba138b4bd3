package com.flashsale.edge.purchase;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of decided purchase requests adds up to, for admins: how many requests, how many
 * confirmed, the rejections by reason, and the revenue of the confirmed ones per currency (each
 * order at the price it was sold at).
 */
public record PurchaseTotals(long requests, long confirmed, Map<String, Long> rejected, List<Money> revenue) {

    /** An amount in a currency (ISO 4217 code). */
    public record Money(BigDecimal amount, String currency) {}

    /** A group of stored outcomes with the same status, reason and currency: how many, and their orders' sum. */
    public record Group(String status, String reason, String currency, long count, BigDecimal amount) {}

    public static PurchaseTotals of(List<Group> groups) {
        long requests = 0;
        long confirmed = 0;
        Map<String, Long> rejected = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        for (Group group : groups) {
            requests += group.count();
            if ("CONFIRMED".equals(group.status())) {
                confirmed += group.count();
                revenue.merge(group.currency(), group.amount(), BigDecimal::add);
            } else if (group.reason() != null) {
                rejected.merge(group.reason(), group.count(), Long::sum);
            }
        }
        return new PurchaseTotals(
                requests,
                confirmed,
                rejected,
                revenue.entrySet().stream()
                        .map(e -> new Money(e.getValue(), e.getKey()))
                        .toList());
    }
}
