package com.flashsale.devstack.component;

import com.flashsale.devstack.settings.StackSettings;

/** The kinds of process a local stack runs, in start order. */
public enum Kind {
    POSTGRES("postgres", "FLASHSALE_PG_PORT"),
    KAFKA("kafka", "FLASHSALE_KAFKA_PORT"),
    CATALOG("catalog-service", "FLASHSALE_CATALOG_PORT"),
    ORDERS("order-processor", "FLASHSALE_ORDERS_PORT"),
    EDGE("edge-api", "FLASHSALE_EDGE_PORT");

    private final String id;
    private final String portSetting;

    Kind(String id, String portSetting) {
        this.id = id;
        this.portSetting = portSetting;
    }

    /** The name users type ({@code ./flashsale kill order-processor}), also the Maven module of a service. */
    public String id() {
        return id;
    }

    /** The environment variable that moves its port. */
    public String portSetting() {
        return portSetting;
    }

    /**
     * The scheduling priority ({@code nice}) a process of this kind starts with, FLASHSALE_ORDERS_NICE
     * or FLASHSALE_CATALOG_NICE where set: 5 for order-processor and catalog-service, 0 for the rest. On
     * a machine the whole stack shares, a shopper waits on the edge's event loops, which the other
     * processes' threads delayed by tens of milliseconds per hand-off in a crowd's opening; the stages
     * behind the queue batch what waits for them, so they yield the CPU when it is short and lose
     * nothing when it is not (docs/adr/0020).
     */
    public int niceness(StackSettings settings) {
        return switch (this) {
            case ORDERS -> settings.niceness("FLASHSALE_ORDERS_NICE", 5);
            case CATALOG -> settings.niceness("FLASHSALE_CATALOG_NICE", 5);
            default -> 0;
        };
    }

    public boolean isService() {
        return this == CATALOG || this == ORDERS || this == EDGE;
    }
}
