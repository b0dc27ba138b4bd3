package com.flashsale.devstack.component;

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

    public boolean isService() {
        return this == CATALOG || this == ORDERS || this == EDGE;
    }
}
