package com.flashsale.devstack.command;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.Folders;
import com.flashsale.devstack.LocalStack;
import com.flashsale.devstack.StackException;
import com.flashsale.devstack.build.Tools;
import com.flashsale.devstack.process.Commands;
import com.flashsale.devstack.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code ./flashsale test}: every test of the project, each part run even when an earlier one failed:
 * mvn verify, the frontend's checks, then a stack of its own on the test ports with the system tests
 * (which drive that stack through {@link LocalStack}) and the browser tests against it; a summary.
 */
public final class TestRun {

    /** The frontend's checks, in order; each runs even when an earlier one failed (npm ci excepted). */
    static final List<List<String>> FRONTEND_STEPS = List.of(
            List.of("ci", "--no-audit", "--no-fund"),
            List.of("run", "typecheck"),
            List.of("run", "lint"),
            List.of("run", "test:unit"),
            List.of("run", "build"));

    private final LocalStack stack;
    private final Console console = Console.system();
    private final List<String> results = new ArrayList<>();
    private final Map<String, String> environment;
    private final MavenRepository repository;

    public TestRun(LocalStack stack) {
        this.stack = stack;
        this.environment = new HashMap<>(stack.environment());
        this.repository = new MavenRepository(stack.root(), environment, console);
    }

    public int run() {
        Tools tools = new Tools(environment);
        tools.requireMaven();
        tools.requireNode();
        if ("true".equals(environment.get("CI")) || "1".equals(environment.get("FLASHSALE_ISOLATED_M2"))) {
            repository.isolate();
        }
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            console.say("flashsale: /usr/bin/chromium is missing: the browser tests will fail (as root: apt-get"
                    + " install -y chromium; .ci/run does it)");
        }
        // LauncherBenchSystemTest runs ./flashsale bench: wrk, and the machine's PostgreSQL server.
        if (tools.find("wrk").isEmpty()) {
            console.say("flashsale: wrk is missing: the bench's system test will fail unless it installs it (as root:"
                    + " apt-get install -y wrk; .ci/run does it)");
        }
        if (!Ports.reachable("127.0.0.1", Integer.parseInt(Bench.postgresPort(environment)))) {
            console.say("flashsale: the machine's PostgreSQL server does not answer on 127.0.0.1:"
                    + Bench.postgresPort(environment) + ": the bench's system test will fail (trust authentication for"
                    + " user postgres; Debian: pg_ctlcluster 15 main start)");
        }
        long start = System.nanoTime();
        part("maven verify (unit, integration, format)", this::maven);
        part("frontend (npm ci, typecheck, lint, test:unit, build)", this::frontend);
        console.say("");
        console.say("==== system and browser tests (a stack on its own ports)");
        system();

        console.say("");
        console.say("==== summary (" + Console.since(start) + " s)");
        int passed = 0;
        int failed = 0;
        for (String line : results) {
            console.say("  " + line);
            if (line.contains(" PASSED ")) {
                passed++;
            } else {
                failed++;
            }
        }
        console.say("parts: " + passed + " passed, " + failed + " failed");
        repository.keepDownloadedArtifacts();
        return failed == 0 ? 0 : 1;
    }

    private void record(String name, String result, String detail) {
        results.add(String.format("%-52s %-7s %s", name, result, detail));
    }

    private void part(String name, BooleanSupplier body) {
        long start = System.nanoTime();
        console.say("");
        console.say("==== " + name);
        record(name, body.getAsBoolean() ? "PASSED" : "FAILED", Console.since(start) + " s");
    }

    private boolean maven() {
        return exec(stack.root(), environment, List.of("mvn", "-B", "-ntp", "-Dstyle.color=never", "verify")) == 0;
    }

    private boolean frontend() {
        Path dir = stack.root().resolve("frontend");
        if (!Files.isRegularFile(dir.resolve("package.json"))) {
            console.say("frontend/package.json is missing");
            return false;
        }
        boolean ok = true;
        for (List<String> step : FRONTEND_STEPS) {
            List<String> command = new ArrayList<>();
            command.add("npm");
            command.addAll(step);
            if (exec(dir, environment, command) != 0) {
                console.say("npm " + String.join(" ", step) + " failed");
                ok = false;
                if (step.get(0).equals("ci")) {
                    return false;
                }
            }
        }
        return ok;
    }

    /** The environment of the system stack: self-contained, never the developer's external database or broker. */
    static Map<String, String> systemEnvironment(Map<String, String> environment, Path home, Path launcher) {
        Map<String, String> env = new HashMap<>(environment);
        env.remove("FLASHSALE_DB_URL");
        env.remove("FLASHSALE_KAFKA_BOOTSTRAP");
        String edgePort = testSetting(environment, "EDGE_PORT", "18080");
        env.put("FLASHSALE_HOME", home.toString());
        env.put("FLASHSALE_EDGE_PORT", edgePort);
        env.put("FLASHSALE_ORDERS_PORT", testSetting(environment, "ORDERS_PORT", "18081"));
        env.put("FLASHSALE_CATALOG_PORT", testSetting(environment, "CATALOG_PORT", "18082"));
        env.put("FLASHSALE_KAFKA_PORT", testSetting(environment, "KAFKA_PORT", "19092"));
        env.put("FLASHSALE_KAFKA_CONTROLLER_PORT", testSetting(environment, "KAFKA_CONTROLLER_PORT", "19093"));
        env.put("FLASHSALE_PG_PORT", testSetting(environment, "PG_PORT", "25432"));
        // Two services start at once on two cores: give them more time than an interactive up.
        env.put("FLASHSALE_HEALTH_TIMEOUT", environment.getOrDefault("FLASHSALE_HEALTH_TIMEOUT", "180"));
        // The rehearsals before readiness (docs/adr/0019) run all their paths, smaller: the system tests start
        // services often, and warmth costs speed, never correctness. A developer's own setting wins.
        env.putIfAbsent("FLASHSALE_EDGE_WARMUP_REHEARSAL_PURCHASES", "1000");
        env.putIfAbsent("FLASHSALE_ORDERS_WARMUP_BATCHES", "40");
        env.put("FLASHSALE_BASE_URL", "http://127.0.0.1:" + edgePort);
        env.put("FLASHSALE_LAUNCHER", launcher.toString());
        // The edges and processors of the test stack (FLASHSALE_EDGES / _PROCESSORS): one each unless set.
        return env;
    }

    private static String testSetting(Map<String, String> environment, String name, String fallback) {
        String value = environment.get("FLASHSALE_TEST_" + name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private void system() {
        Path root = stack.root();
        Path base = root.resolve("target/system-stack");
        // Stop whatever an interrupted earlier run left, then start from a fresh home.
        if (Files.isDirectory(base)) {
            try (var homes = Files.list(base)) {
                for (Path old :
                        homes.filter(p -> Files.isDirectory(p.resolve("run"))).toList()) {
                    Map<String, String> env = new HashMap<>(environment);
                    env.put("FLASHSALE_HOME", old.toString());
                    try {
                        LocalStack.of(root, env, Console.silent()).down();
                    } catch (StackException e) {
                        // as far as it goes
                    }
                }
            } catch (IOException e) {
                throw new StackException("cannot list " + base);
            }
            Folders.delete(base);
        }
        Path home;
        try {
            Files.createDirectories(base);
            home = Files.createTempDirectory(base, "home-");
        } catch (IOException e) {
            throw new StackException("cannot create a home under " + base);
        }
        Map<String, String> run = systemEnvironment(environment, home, root.resolve("flashsale"));
        LocalStack system = LocalStack.of(root, run, console);
        Thread stopOnInterrupt = new Thread(() -> system.down(), "flashsale-test-down");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);

        String systemPart = "system tests (stack + system-tests module)";
        String browserPart = "browser tests (npm run test:browser)";
        boolean ok = true;
        long start = System.nanoTime();
        boolean up;
        try {
            system.up();
            up = true;
        } catch (StackException e) {
            console.err().println("flashsale: " + e.getMessage());
            up = false;
        }
        if (!up) {
            record(systemPart, "FAILED", "stack did not come up");
            record(browserPart, "FAILED", "stack did not come up");
            ok = false;
        } else {
            // -am builds the modules system-tests needs in this reactor (never from the local repository, where an
            // earlier `mvn install` may or may not have left them); -DskipTests keeps their tests from running twice
            // (maven verify ran them), and the system profile keeps its own tests on (skipSystemTests).
            int code = exec(
                    root,
                    run,
                    List.of(
                            "mvn",
                            "-B",
                            "-ntp",
                            "-Dstyle.color=never",
                            "-pl",
                            "system-tests",
                            "-am",
                            "-Psystem",
                            "verify",
                            "-DskipTests",
                            "-Dflashsale.home=" + home,
                            "-Dflashsale.root=" + root));
            record(systemPart, code == 0 ? "PASSED" : "FAILED", Console.since(start) + " s");
            ok &= code == 0;
            start = System.nanoTime();
            if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
                console.say("/usr/bin/chromium is missing: the browser tests cannot run (as root: apt-get install -y"
                        + " chromium)");
                record(browserPart, "FAILED", "chromium missing");
                ok = false;
            } else {
                int browser = exec(root.resolve("frontend"), run, List.of("npm", "run", "test:browser"));
                record(browserPart, browser == 0 ? "PASSED" : "FAILED", Console.since(start) + " s");
                ok &= browser == 0;
            }
        }
        console.say("");
        try {
            system.down();
        } catch (StackException e) {
            console.err().println("flashsale: " + e.getMessage());
            ok = false;
        }
        Bench.removeHook(stopOnInterrupt);
        if (!ok) {
            console.say("logs of the system stack: " + home.resolve("logs"));
        }
    }

    /** Runs a command on the terminal; its exit code. */
    private static int exec(Path dir, Map<String, String> environment, List<String> command) {
        return Commands.run(dir, environment, command, ProcessBuilder.Redirect.INHERIT);
    }
}
