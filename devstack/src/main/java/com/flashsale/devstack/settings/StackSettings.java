package com.flashsale.devstack.settings;

import com.flashsale.devstack.StackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one local stack: the environment first, then what the running stack remembers
 * ({@code $FLASHSALE_HOME/run/stack.env}), then the defaults. Later commands (status, up of one
 * component) thereby address the stack that is running, whatever their own environment says.
 */
public final class StackSettings {

    /** What a running stack remembers, in the order stack.env lists them. */
    public static final List<String> REMEMBERED = List.of(
            "FLASHSALE_EDGE_PORT",
            "FLASHSALE_ORDERS_PORT",
            "FLASHSALE_CATALOG_PORT",
            "FLASHSALE_KAFKA_PORT",
            "FLASHSALE_KAFKA_CONTROLLER_PORT",
            "FLASHSALE_PG_PORT",
            "FLASHSALE_DB_URL",
            "FLASHSALE_KAFKA_BOOTSTRAP",
            "FLASHSALE_EDGES",
            "FLASHSALE_PROCESSORS");

    /** The n-th instance of a service listens on the first one's port plus this, times n - 1. */
    public static final int INSTANCE_PORT_STEP = 10;

    public static final int MAX_EDGES = 9;
    public static final int MAX_PROCESSORS = 12;

    private final Path root;
    private final Path home;
    private final Map<String, String> environment;
    private final Map<String, String> values;

    private StackSettings(Path root, Path home, Map<String, String> environment, Map<String, String> values) {
        this.root = root;
        this.home = home;
        this.environment = environment;
        this.values = values;
    }

    /** Reads the settings for the repository at {@code root} from an environment; creates the home's folders. */
    public static StackSettings load(Path root, Map<String, String> environment) {
        Path home = Path.of(nonEmpty(environment.get("FLASHSALE_HOME"))
                        .orElse(root.resolve(".flashsale").toString()))
                .toAbsolutePath()
                .normalize();
        try {
            for (String dir : List.of("run", "logs", "data")) {
                Files.createDirectories(home.resolve(dir));
            }
        } catch (IOException e) {
            throw new StackException("cannot create " + home + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        Path remembered = home.resolve("run/stack.env");
        if (Files.isRegularFile(remembered)) {
            try {
                for (String line : Files.readAllLines(remembered)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        environment.forEach((key, value) -> {
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        });
        StackSettings settings =
                new StackSettings(root.toAbsolutePath().normalize(), home, Map.copyOf(environment), values);
        settings.database(); // a wrong FLASHSALE_DB_URL stops every command at once
        return settings;
    }

    /** The same settings with these instance counts (they are remembered by {@link #save()}). */
    public StackSettings withInstances(int edges, int processors) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put("FLASHSALE_EDGES", Integer.toString(edges));
        changed.put("FLASHSALE_PROCESSORS", Integer.toString(processors));
        return new StackSettings(root, home, environment, changed);
    }

    /** Writes what a running stack remembers. */
    public void save() {
        Map<String, String> remembered = new LinkedHashMap<>();
        remembered.put("FLASHSALE_EDGE_PORT", Integer.toString(edgePort()));
        remembered.put("FLASHSALE_ORDERS_PORT", Integer.toString(ordersPort()));
        remembered.put("FLASHSALE_CATALOG_PORT", Integer.toString(catalogPort()));
        remembered.put("FLASHSALE_KAFKA_PORT", Integer.toString(kafkaPort()));
        remembered.put("FLASHSALE_KAFKA_CONTROLLER_PORT", Integer.toString(kafkaControllerPort()));
        remembered.put("FLASHSALE_PG_PORT", Integer.toString(pgPort()));
        remembered.put("FLASHSALE_DB_URL", dbUrl().orElse(""));
        remembered.put("FLASHSALE_KAFKA_BOOTSTRAP", externalKafka().orElse(""));
        remembered.put("FLASHSALE_EDGES", Integer.toString(edges()));
        remembered.put("FLASHSALE_PROCESSORS", Integer.toString(processors()));
        StringBuilder text = new StringBuilder();
        remembered.forEach(
                (key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.writeString(runDir().resolve("stack.env"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stack with nothing left running forgets its settings: the next up takes them from the environment. */
    public void forget() {
        try {
            Files.deleteIfExists(runDir().resolve("stack.env"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path home() {
        return home;
    }

    public Path runDir() {
        return home.resolve("run");
    }

    public Path logDir() {
        return home.resolve("logs");
    }

    public Path dataDir() {
        return home.resolve("data");
    }

    /** The environment the settings came from; every process the launcher starts inherits it. */
    public Map<String, String> environment() {
        return environment;
    }

    public int edgePort() {
        return port("FLASHSALE_EDGE_PORT", 8080);
    }

    public int ordersPort() {
        return port("FLASHSALE_ORDERS_PORT", 8081);
    }

    public int catalogPort() {
        return port("FLASHSALE_CATALOG_PORT", 8082);
    }

    public int kafkaPort() {
        return port("FLASHSALE_KAFKA_PORT", 9092);
    }

    public int kafkaControllerPort() {
        return port("FLASHSALE_KAFKA_CONTROLLER_PORT", 9093);
    }

    public int pgPort() {
        return port("FLASHSALE_PG_PORT", 15432);
    }

    /** Instances of edge-api (FLASHSALE_EDGES or {@code up --edges N}). */
    public int edges() {
        return count("FLASHSALE_EDGES", MAX_EDGES);
    }

    /** Instances of order-processor (FLASHSALE_PROCESSORS or {@code up --processors N}). */
    public int processors() {
        return count("FLASHSALE_PROCESSORS", MAX_PROCESSORS);
    }

    public Optional<String> dbUrl() {
        return nonEmpty(values.get("FLASHSALE_DB_URL"));
    }

    public Optional<String> externalKafka() {
        return nonEmpty(values.get("FLASHSALE_KAFKA_BOOTSTRAP"));
    }

    public String kafkaBootstrap() {
        return externalKafka().orElse("127.0.0.1:" + kafkaPort());
    }

    public Database database() {
        return dbUrl().map(url -> Database.parse(url, environment)).orElseGet(() -> Database.embedded(pgPort()));
    }

    public Duration healthTimeout() {
        return Duration.ofSeconds(number("FLASHSALE_HEALTH_TIMEOUT", 120));
    }

    public Duration stopTimeout() {
        return Duration.ofSeconds(number("FLASHSALE_STOP_TIMEOUT", 30));
    }

    /** {@code $JAVA_HOME/bin/java}, else the java on the PATH. */
    public String java() {
        return nonEmpty(environment.get("JAVA_HOME"))
                .map(home -> home + "/bin/java")
                .orElse("java");
    }

    // The whole stack stays under 3 GB resident: broker ~350-600 MB, each service <= ~550 MB, PostgreSQL ~150 MB.
    public List<String> serviceJavaOptions() {
        return words("FLASHSALE_SERVICE_JAVA_OPTS", "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError");
    }

    /**
     * Options for edge-api alone, after the services': with the services' default heap, a heap that
     * starts at 256 MB with a 128 MB young generation (a storm allocates fast: with the default one
     * the edge collected every ~70 ms during a burst and grew its heap through full collections of
     * 150-185 ms, docs/benchmarks.md), then FLASHSALE_EDGE_JAVA_OPTS (e.g. a flight recording while
     * profiling it), whose options win.
     */
    public List<String> edgeJavaOptions() {
        List<String> options = new ArrayList<>();
        if (env("FLASHSALE_SERVICE_JAVA_OPTS").isEmpty()) {
            options.addAll(List.of("-Xms256m", "-Xmn128m"));
        }
        options.addAll(words("FLASHSALE_EDGE_JAVA_OPTS", ""));
        return options;
    }

    /** Options for order-processor alone, after the services': FLASHSALE_ORDERS_JAVA_OPTS (e.g. while profiling it). */
    public List<String> ordersJavaOptions() {
        return words("FLASHSALE_ORDERS_JAVA_OPTS", "");
    }

    public List<String> kafkaJavaOptions() {
        return words(
                "FLASHSALE_KAFKA_JAVA_OPTS",
                "-Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError"
                        + " -Djava.awt.headless=true");
    }

    /** A value of the environment (not of the remembered settings), empty counting as unset. */
    public Optional<String> env(String key) {
        return nonEmpty(environment.get(key));
    }

    private List<String> words(String key, String fallback) {
        String value = environment.containsKey(key) ? environment.get(key) : fallback;
        return Arrays.stream(value.trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    private int port(String key, int fallback) {
        int port = number(key, fallback);
        if (port < 1 || port > 65535) {
            throw new StackException(key + " is not a port: " + port);
        }
        return port;
    }

    private int count(String key, int max) {
        int n = number(key, 1);
        if (n < 1 || n > max) {
            throw new StackException(key + " must be from 1 to " + max + " (found: " + n + ")");
        }
        return n;
    }

    private int number(String key, int fallback) {
        Optional<String> value = nonEmpty(values.get(key));
        if (key.endsWith("_TIMEOUT")) {
            value = nonEmpty(environment.get(key));
        }
        try {
            return value.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new StackException(key + " is not a number: " + value.get());
        }
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
