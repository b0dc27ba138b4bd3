package com.flashsale.devstack.component;

import com.flashsale.devstack.process.Health;
import com.flashsale.devstack.process.Ports;
import com.flashsale.devstack.process.Supervisor;
import com.flashsale.devstack.settings.Database;
import com.flashsale.devstack.settings.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One instance of a service (catalog-service, order-processor, edge-api): its jar run with the
 * stack's database, broker and keys in the local profile; launched without waiting, awaited healthy.
 * Every edge instance reads the same key folder, hence the same request-id secret.
 */
public final class ServiceProcess {

    private final Processes processes;
    private final Component component;

    public ServiceProcess(Processes processes, Component component) {
        this.processes = processes;
        this.component = component;
    }

    /** Starts it unless it runs; its health is awaited by {@link #awaitHealthy()}. */
    public void launch() {
        if (processes.running(component)) {
            return;
        }
        StackSettings settings = processes.settings();
        int port = component.port(settings);
        processes.requireFreePort(port, component.kind().portSetting());
        if (!Component.first(Kind.POSTGRES).isExternal(settings) && !Ports.listening(settings.pgPort())) {
            processes.console().warn("PostgreSQL is not running: " + component.name() + " will not start");
        }
        if (!Component.first(Kind.KAFKA).isExternal(settings) && !Ports.listening(settings.kafkaPort())) {
            processes.console().warn("Kafka is not running: " + component.name() + " will not start");
        }
        try {
            Files.createDirectories(settings.dataDir().resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(settings.java());
        command.addAll(settings.serviceJavaOptions());
        if (component.kind() == Kind.EDGE) {
            command.addAll(settings.edgeJavaOptions());
        } else if (component.kind() == Kind.ORDERS) {
            command.addAll(settings.ordersJavaOptions());
        }
        command.add(processes.supervisor().homeMarker());
        command.add("-jar");
        command.add(settings.root()
                .resolve(component.kind().id() + "/target/" + component.kind().id() + ".jar")
                .toString());
        processes
                .supervisor()
                .spawn(component.pidFile(settings), component.log(settings), command, environment(settings, port));
    }

    /** The environment of the service: the stack's, plus where everything is. */
    Map<String, String> environment(StackSettings settings, int port) {
        Database db = settings.database();
        Map<String, String> env = new HashMap<>(settings.environment());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("FLASHSALE_DB_HOST", db.host());
        env.put("FLASHSALE_DB_PORT", Integer.toString(db.port()));
        env.put("FLASHSALE_DB_NAME", db.name());
        env.put("FLASHSALE_DB_USERNAME", db.user());
        env.put("FLASHSALE_DB_PASSWORD", db.password());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap());
        env.put("FLASHSALE_JWT_KEY_DIR", settings.dataDir().resolve("keys").toString());
        // A development stack: generated keys and secrets, the demo accounts and sale (never in a deployment).
        env.put("SPRING_PROFILES_ACTIVE", settings.env("SPRING_PROFILES_ACTIVE").orElse("local"));
        if (component.kind() == Kind.CATALOG) {
            // A local stack may seed load-test shoppers in bulk (ADMIN only); never enable it in production.
            env.put(
                    "FLASHSALE_LOAD_TEST_ENABLED",
                    settings.env("FLASHSALE_LOAD_TEST_ENABLED").orElse("true"));
        }
        if (component.kind() == Kind.EDGE) {
            env.put("FLASHSALE_CATALOG_URL", "http://127.0.0.1:" + settings.catalogPort());
            // Where the lag report comes from: each order-processor of this stack, the first that answers.
            env.put(
                    "FLASHSALE_ORDERS_URLS",
                    Topology.of(settings).all().stream()
                            .filter(c -> c.kind() == Kind.ORDERS)
                            .map(c -> "http://127.0.0.1:" + c.port(settings))
                            .collect(java.util.stream.Collectors.joining(",")));
            env.put(
                    "FLASHSALE_WEB_STATIC_DIR",
                    settings.root().resolve("frontend/out").toString());
        }
        return env;
    }

    public void awaitHealthy() {
        StackSettings settings = processes.settings();
        OptionalLong running = processes.runningPid(component);
        long pid = running.isPresent()
                ? running.getAsLong()
                : Supervisor.readPidFile(component.pidFile(settings)).orElse(-1);
        int port = component.port(settings);
        processes
                .health()
                .await(
                        component.name(),
                        pid,
                        "healthy",
                        () -> Health.up(port),
                        List.of(component.log(settings)),
                        component.pidFile(settings));
    }
}
