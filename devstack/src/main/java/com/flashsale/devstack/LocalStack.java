package com.flashsale.devstack;

import com.flashsale.devstack.build.Builds;
import com.flashsale.devstack.component.Component;
import com.flashsale.devstack.component.KafkaBroker;
import com.flashsale.devstack.component.Kind;
import com.flashsale.devstack.component.PostgresProcess;
import com.flashsale.devstack.component.Processes;
import com.flashsale.devstack.component.ServiceProcess;
import com.flashsale.devstack.component.Topology;
import com.flashsale.devstack.process.Health;
import com.flashsale.devstack.process.Ports;
import com.flashsale.devstack.process.Supervisor;
import com.flashsale.devstack.settings.Database;
import com.flashsale.devstack.settings.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A local stack (PostgreSQL, Kafka and the services as processes) addressed by an environment:
 * {@code ./flashsale up/down/status/kill/reset} and the Java API the system tests and the benchmark
 * call instead of shelling out. Each call reads the settings anew, as each command did.
 */
public final class LocalStack {

    private final Path root;
    private final Map<String, String> environment;
    private final Console console;

    private LocalStack(Path root, Map<String, String> environment, Console console) {
        this.root = root.toAbsolutePath().normalize();
        this.environment = Map.copyOf(environment);
        this.console = console;
    }

    /** The stack that this process's environment names, in the repository at {@code root}. */
    public static LocalStack of(Path root, Map<String, String> environment, Console console) {
        return new LocalStack(root, environment, console);
    }

    /**
     * The stack of this process's environment, in the repository named by the system property
     * {@code flashsale.root} or found above the working directory; output on the terminal.
     */
    public static LocalStack fromEnvironment() {
        return of(repositoryRoot(), System.getenv(), Console.system());
    }

    /** {@code flashsale.root}, else the nearest folder above the working directory with ./flashsale and devstack/. */
    public static Path repositoryRoot() {
        String property = System.getProperty("flashsale.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("flashsale")) && Files.isDirectory(dir.resolve("devstack"))) {
                return dir;
            }
        }
        throw new StackException("cannot find the repository: set -Dflashsale.root");
    }

    /** The same stack talking to another console. */
    public LocalStack withConsole(Console other) {
        return new LocalStack(root, environment, other);
    }

    public Path root() {
        return root;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public StackSettings settings() {
        return StackSettings.load(root, environment);
    }

    /** {@code up [component...]}: builds what is stale, starts what is not running, waits for health. */
    public void up(String... components) {
        up(OptionalInt.empty(), OptionalInt.empty(), List.of(components));
    }

    /**
     * {@code up --edges N --processors N [component...]}: as {@link #up(String...)}, with that many
     * instances of edge-api and order-processor (empty: as the environment or the running stack says).
     */
    public void up(OptionalInt edges, OptionalInt processors, List<String> components) {
        StackSettings loaded = StackSettings.load(root, environment);
        StackSettings settings =
                loaded.withInstances(edges.orElse(loaded.edges()), processors.orElse(loaded.processors()));
        Processes processes = Processes.of(settings, console);
        Topology topology = Topology.of(settings);
        List<Component> targets = topology.select(components);
        long start = System.nanoTime();
        console.say("flashsale up: " + names(targets) + " (home " + settings.home() + ")");

        // Build for what will start only: a jar is never rebuilt under its running process. The topics need
        // devstack even when Kafka is external or already running (the launcher itself runs from devstack).
        List<String> modules = new ArrayList<>();
        for (Component c : targets) {
            if (!c.isExternal(settings) && !processes.running(c)) {
                modules.add(c.kind().isService() ? c.kind().id() : "devstack");
            } else if (c.kind() == Kind.KAFKA && !Files.isRegularFile(root.resolve("devstack/target/devstack.jar"))) {
                modules.add("devstack");
            }
        }
        Builds builds = new Builds(root, settings.logDir(), environment, console);
        builds.modules(modules);
        if (wants(targets, Kind.EDGE)
                && topology.ofKind(Kind.EDGE).stream().filter(targets::contains).anyMatch(c -> !processes.running(c))) {
            builds.frontend();
        }
        settings.save();

        if (wants(targets, Kind.POSTGRES)) {
            new PostgresProcess(processes).start();
        }
        if (wants(targets, Kind.KAFKA)) {
            new KafkaBroker(processes).start();
        }
        // order-processor does not need catalog-service, so both start at once; edge-api needs catalog's public key.
        List<ServiceProcess> catalog = services(processes, targets, Kind.CATALOG);
        List<ServiceProcess> orders = services(processes, targets, Kind.ORDERS);
        List<ServiceProcess> edgeApis = services(processes, targets, Kind.EDGE);
        catalog.forEach(ServiceProcess::launch);
        orders.forEach(ServiceProcess::launch);
        catalog.forEach(ServiceProcess::awaitHealthy);
        if (!edgeApis.isEmpty()) {
            if (catalog.isEmpty() && !processes.running(Component.first(Kind.CATALOG))) {
                console.warn("catalog-service is not running: edge-api needs its public key and routes /api to it");
            }
            edgeApis.forEach(ServiceProcess::launch);
        }
        orders.forEach(ServiceProcess::awaitHealthy);
        edgeApis.forEach(ServiceProcess::awaitHealthy);
        console.say("flashsale is up (" + Console.since(start) + " s)");
        if (components.isEmpty()) {
            printWelcome(settings, topology);
        }
    }

    /** {@code down [component...]}: stops what the launcher started; data is kept. */
    public void down(String... components) {
        StackSettings settings = StackSettings.load(root, environment);
        Processes processes = Processes.of(settings, console);
        stop(processes, Topology.of(settings).select(List.of(components)));
        if (!anythingRunning(processes)) {
            console.say("flashsale is down (data kept in " + settings.dataDir() + ")");
        }
    }

    /** {@code kill <component>}: SIGKILL for a fault drill (every instance, when a kind is named). */
    public void kill(String component) {
        StackSettings settings = StackSettings.load(root, environment);
        Processes processes = Processes.of(settings, console);
        List<Component> targets = Topology.of(settings).select(List.of(component));
        List<Component> running = targets.stream().filter(processes::running).toList();
        if (running.isEmpty()) {
            throw new StackException(component + " is not running");
        }
        for (Component c : running) {
            long pid = processes.runningPid(c).orElseThrow();
            OptionalLong postmaster = c.kind() == Kind.POSTGRES ? processes.postmasterPid() : OptionalLong.empty();
            Supervisor.signal(pid, "KILL");
            // Gone when this returns, its ports closed: an up right after it finds them free.
            ProcessHandle.of(pid).ifPresent(h -> Supervisor.waitFor(h, settings.stopTimeout()));
            if (postmaster.isPresent()) {
                Supervisor.signal(postmaster.getAsLong(), "KILL");
                ProcessHandle.of(postmaster.getAsLong()).ifPresent(h -> Supervisor.waitFor(h, settings.stopTimeout()));
                console.say("killed " + c.name() + " (pid " + pid + ", postmaster " + postmaster.getAsLong() + ")");
            } else {
                console.say("killed " + c.name() + " (pid " + pid + ")");
            }
            deletePidFile(c.pidFile(settings));
        }
    }

    /** {@code status}: each component's state, PID, port, resident memory and log, as a table. */
    public void status() {
        StackSettings settings = StackSettings.load(root, environment);
        Processes processes = Processes.of(settings, console);
        String row = "%-16s %-9s %8s %6s %8s  %s";
        console.say(String.format(row, "COMPONENT", "STATE", "PID", "PORT", "RSS", "LOG"));
        long totalKb = 0;
        for (Component c : Topology.of(settings).all()) {
            if (c.isExternal(settings)) {
                Database db = settings.database();
                String where = c.kind() == Kind.POSTGRES
                        ? db.host() + ":" + db.port()
                        : settings.externalKafka().orElseThrow();
                console.say(String.format(row, c.name(), "external", "-", where, "-", "-"));
                continue;
            }
            int port = c.port(settings);
            long kb = 0;
            String pid;
            String state;
            OptionalLong running = processes.runningPid(c);
            OptionalLong postmaster = c.kind() == Kind.POSTGRES ? processes.postmasterPid() : OptionalLong.empty();
            if (running.isPresent()) {
                kb = Supervisor.rssKb(running.getAsLong());
                pid = Long.toString(running.getAsLong());
                if (postmaster.isPresent()) {
                    kb += Supervisor.postgresTreeKb(postmaster.getAsLong());
                    pid += "+" + postmaster.getAsLong();
                }
                state = Ports.listening(port) ? "running" : "starting";
            } else if (postmaster.isPresent()) {
                pid = Long.toString(postmaster.getAsLong());
                state = "orphaned";
                kb = Supervisor.postgresTreeKb(postmaster.getAsLong());
            } else {
                pid = "-";
                state = "stopped";
            }
            totalKb += kb;
            console.say(String.format(
                    row, c.name(), state, pid, port, kb > 0 ? (kb / 1024) + " MB" : "-", c.log(settings)));
        }
        console.say(String.format("%-16s %-9s %8s %6s %8s", "total", "", "", "", (totalKb / 1024) + " MB"));
        console.say("RSS: VmRSS of each JVM; for PostgreSQL the holder JVM plus the Pss of the postmaster and its"
                + " children.");
        console.say("home " + settings.home());
        // The lag of the requests topic as order-processor judges it (ADR 0015), when one answers.
        Health.text(settings.ordersPort(), "/ops/lag/table").ifPresent(table -> {
            console.say("");
            table.lines().forEach(console::say);
        });
    }

    /** {@code reset}: stops everything and wipes the data. */
    public void reset() {
        StackSettings settings = StackSettings.load(root, environment);
        Processes processes = Processes.of(settings, console);
        stop(processes, Topology.of(settings).all());
        if (anythingRunning(processes)) {
            throw new StackException("something still runs; data not wiped (see ./flashsale status)");
        }
        Folders.delete(settings.dataDir());
        console.say("flashsale is down and its data is wiped (" + settings.dataDir() + ")");
    }

    /** Whether any process of the stack runs (an orphaned postmaster included). */
    public boolean anythingRunning() {
        StackSettings settings = StackSettings.load(root, environment);
        return anythingRunning(Processes.of(settings, Console.silent()));
    }

    /** The PID of a running component of the stack (e.g. to pause it with SIGSTOP in a fault test). */
    public OptionalLong pid(String component) {
        StackSettings settings = StackSettings.load(root, environment);
        Processes processes = Processes.of(settings, Console.silent());
        List<Component> targets = Topology.of(settings).select(List.of(component));
        return targets.isEmpty() ? OptionalLong.empty() : processes.runningPid(targets.get(0));
    }

    // Services first (together), then Kafka, then PostgreSQL.
    private void stop(Processes processes, List<Component> targets) {
        List<Component> services = new ArrayList<>();
        for (Kind kind : List.of(Kind.EDGE, Kind.ORDERS, Kind.CATALOG)) {
            targets.stream().filter(c -> c.kind() == kind).forEach(services::add);
        }
        if (!services.isEmpty()) {
            stopTogether(processes, services);
        }
        if (wants(targets, Kind.KAFKA)) {
            stopTogether(processes, List.of(Component.first(Kind.KAFKA)));
        }
        if (wants(targets, Kind.POSTGRES)) {
            stopTogether(processes, List.of(Component.first(Kind.POSTGRES)));
        }
        if (!anythingRunning(processes)) {
            processes.settings().forget();
        }
    }

    // SIGTERM to each, then wait for each (SIGKILL after the bound).
    private void stopTogether(Processes processes, List<Component> components) {
        StackSettings settings = processes.settings();
        long start = System.nanoTime();
        List<Component> stopped = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        for (Component c : components) {
            OptionalLong pid = processes.runningPid(c);
            if (pid.isPresent()) {
                // The PostgreSQL holder stops the postmaster in its shutdown hook (pg_ctl stop -m fast).
                Supervisor.signal(pid.getAsLong(), "TERM");
                pids.add(pid.getAsLong());
                stopped.add(c);
            }
        }
        for (int i = 0; i < pids.size(); i++) {
            processes.supervisor().awaitExit(pids.get(i), settings.stopTimeout());
            console.begin(stopped.get(i).name());
            console.print("stopped (pid " + pids.get(i) + ", " + Console.since(start) + " s)\n");
        }
        for (Component c : components) {
            deletePidFile(c.pidFile(settings));
            if (c.kind() == Kind.POSTGRES) {
                new PostgresProcess(processes).stopOrphanPostmaster();
            }
        }
    }

    private static boolean anythingRunning(Processes processes) {
        return Topology.of(processes.settings()).all().stream().anyMatch(processes::running)
                || processes.postmasterPid().isPresent();
    }

    private void printWelcome(StackSettings settings, Topology topology) {
        Database db = settings.database();
        int edge = settings.edgePort();
        StringBuilder text = new StringBuilder();
        text.append("\n");
        text.append("  web UI        http://localhost:").append(edge).append("/\n");
        text.append("  API           http://localhost:").append(edge).append("/api  (e.g. POST /api/auth/login)\n");
        text.append("  health        http://localhost:").append(edge).append("/actuator/health     (edge-api)\n");
        List<Component> others = new ArrayList<>(topology.ofKind(Kind.ORDERS));
        others.addAll(topology.ofKind(Kind.CATALOG));
        topology.ofKind(Kind.EDGE).stream().filter(c -> c.instance() > 1).forEach(others::add);
        for (Component c : others) {
            {
                text.append("                http://localhost:")
                        .append(c.port(settings))
                        .append("/actuator/health     (")
                        .append(c.name())
                        .append(")\n");
            }
        }
        text.append("  PostgreSQL    ")
                .append(db.host())
                .append(":")
                .append(db.port())
                .append("/")
                .append(db.name())
                .append(" (user ")
                .append(db.user())
                .append(")\n");
        text.append("  Kafka         ").append(settings.kafkaBootstrap()).append("\n");
        text.append("  accounts      admin / Satu123 (ADMIN), user1 / Satu123 and user2 / Satu123 (USER)\n");
        text.append("  logs          ").append(settings.logDir()).append("  (./flashsale status names each)\n");
        text.append("  stop          ./flashsale down      wipe data: ./flashsale reset");
        console.say(text.toString());
    }

    private static List<ServiceProcess> services(Processes processes, List<Component> targets, Kind kind) {
        return targets.stream()
                .filter(c -> c.kind() == kind)
                .map(c -> new ServiceProcess(processes, c))
                .toList();
    }

    private static boolean wants(List<Component> targets, Kind kind) {
        return targets.stream().anyMatch(c -> c.kind() == kind);
    }

    private static String names(List<Component> components) {
        return components.stream().map(Component::name).collect(Collectors.joining(" "));
    }

    private static void deletePidFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
