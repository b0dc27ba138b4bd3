package com.flashsale.devstack.component;

import com.flashsale.devstack.settings.StackSettings;
import java.nio.file.Path;

/**
 * One process of the stack: a kind and, for services that run several times, its instance number.
 * The first instance keeps the kind's name, files and port; the n-th is {@code <kind>-n} on the
 * first one's port + 10 (n - 1). A kind's name stands for all its instances when a user gives it, so
 * each instance also has a name that is its own alone ({@link #own()}): {@code <kind>-1} for the first.
 */
public record Component(Kind kind, int instance) {

    public static Component first(Kind kind) {
        return new Component(kind, 1);
    }

    public String name() {
        return instance == 1 ? kind.id() : kind.id() + "-" + instance;
    }

    /** The name that selects this instance and no other: {@code <kind>-n}, also for the first. */
    public String own() {
        return kind.id() + "-" + instance;
    }

    public int port(StackSettings settings) {
        int base = switch (kind) {
            case POSTGRES -> settings.pgPort();
            case KAFKA -> settings.kafkaPort();
            case CATALOG -> settings.catalogPort();
            case ORDERS -> settings.ordersPort();
            case EDGE -> settings.edgePort();
        };
        return base + StackSettings.INSTANCE_PORT_STEP * (instance - 1);
    }

    public Path log(StackSettings settings) {
        return settings.logDir().resolve(name() + ".log");
    }

    public Path pidFile(StackSettings settings) {
        return settings.runDir().resolve(name() + ".pid");
    }

    /** What its command line contains besides the home marker, so that a reused PID is never taken for it. */
    public String mainMarker() {
        return switch (kind) {
            case POSTGRES -> "com.flashsale.devstack.LocalPostgres";
            case KAFKA -> "kafka.Kafka";
            default -> kind.id() + ".jar";
        };
    }

    /** Whether it runs elsewhere (FLASHSALE_DB_URL, FLASHSALE_KAFKA_BOOTSTRAP) and is not ours to start. */
    public boolean isExternal(StackSettings settings) {
        return switch (kind) {
            case POSTGRES -> settings.dbUrl().isPresent();
            case KAFKA -> settings.externalKafka().isPresent();
            default -> false;
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
