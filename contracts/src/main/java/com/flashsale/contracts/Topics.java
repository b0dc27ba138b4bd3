package com.flashsale.contracts;

import java.time.Duration;
import java.util.List;

/** The Kafka topics of the platform, their keys and shapes: the one place their names live. */
public final class Topics {

    /** Purchase requests admitted by edge-api, keyed by sale id so one sale has one writer. */
    public static final String PURCHASE_REQUESTS = "flashsale.purchase-requests.v1";

    /** Final outcomes of purchase requests, keyed by user id, read by every edge-api instance. */
    public static final String PURCHASE_OUTCOMES = "flashsale.purchase-outcomes.v1";

    /** Every change of a flash sale, keyed by sale id, compacted: the latest definition per sale. */
    public static final String SALES = "flashsale.sales.v1";

    /** Each sale's remaining stock as applied by order-processor, keyed by sale id, compacted. */
    public static final String SALE_STATUS = "flashsale.sale-status.v1";

    /**
     * Every change of an account's standing (disabled, enabled, role), keyed by user id, compacted:
     * how the edge learns within seconds that a token issued earlier no longer holds.
     */
    public static final String ACCOUNTS = "flashsale.accounts.v1";

    /**
     * Purchase requests of made-up sales that a fresh edge sends to itself before it reports ready, so
     * that the opening's first 202s run compiled code (docs/adr/0019). Read by nobody; kept an hour.
     */
    public static final String REHEARSALS = "flashsale.rehearsals.v1";

    /** Partitions of the purchase-requests topic: the upper bound of order-processor parallelism. */
    public static final int PURCHASE_REQUEST_PARTITIONS = 12;

    /** How long purchase requests are kept: long enough to replay any backlog. */
    public static final Duration PURCHASE_REQUEST_RETENTION = Duration.ofDays(7);

    /** The shape of one topic, for whoever creates them (the launcher, the services, the tests). */
    public record Spec(String name, int partitions, boolean compacted, Duration retention) {}

    /** All topics of DESIGN.md, and the edge's rehearsals (docs/adr/0019), with their partition counts and cleanup policies. */
    public static List<Spec> all() {
        return List.of(
                new Spec(PURCHASE_REQUESTS, PURCHASE_REQUEST_PARTITIONS, false, PURCHASE_REQUEST_RETENTION),
                new Spec(PURCHASE_OUTCOMES, 6, false, Duration.ofDays(7)),
                new Spec(SALES, 3, true, null),
                new Spec(SALE_STATUS, 3, true, null),
                new Spec(ACCOUNTS, 3, true, null),
                new Spec(REHEARSALS, 1, false, Duration.ofHours(1)));
    }

    /** The spec of the topic called {@code name}. */
    public static Spec spec(String name) {
        return all().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + name));
    }

    private Topics() {}
}
