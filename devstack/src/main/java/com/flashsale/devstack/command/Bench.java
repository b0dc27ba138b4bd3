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

/**
 * {@code ./flashsale bench}: the benchmark of docs/benchmarks.md. Starts a stack of its own (own home
 * and ports) on the machine's PostgreSQL server (127.0.0.1:5432, database flashsale_bench, dropped and
 * created anew), runs BenchMain against it, which drives that stack through {@link LocalStack}, and
 * stops it. Needs wrk (installed with apt-get as root). FLASHSALE_BENCH_DB and FLASHSALE_BENCH_DIR
 * give a run a database and a folder of its own (the system test's small run never touches a
 * developer's).
 */
public final class Bench {

    static final String USAGE = "usage: ./flashsale bench  (no arguments; see docs/benchmarks.md)";

    private final LocalStack stack;
    private final Console console = Console.system();

    public Bench(LocalStack stack) {
        this.stack = stack;
    }

    /** The environment of the benchmark's stack: never the developer's, the test stack's, an external broker or the embedded PostgreSQL. */
    static Map<String, String> stackEnvironment(Path root, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.remove("FLASHSALE_KAFKA_BOOTSTRAP");
        env.remove("FLASHSALE_PG_PORT");
        env.put("FLASHSALE_HOME", benchDir(root, environment).resolve("home").toString());
        env.put(
                "FLASHSALE_DB_URL",
                "postgresql://postgres@127.0.0.1:" + postgresPort(environment) + "/" + database(environment));
        env.put("FLASHSALE_EDGE_PORT", benchSetting(environment, "EDGE_PORT", "28080"));
        env.put("FLASHSALE_ORDERS_PORT", benchSetting(environment, "ORDERS_PORT", "28081"));
        env.put("FLASHSALE_CATALOG_PORT", benchSetting(environment, "CATALOG_PORT", "28082"));
        env.put("FLASHSALE_KAFKA_PORT", benchSetting(environment, "KAFKA_PORT", "29092"));
        env.put("FLASHSALE_KAFKA_CONTROLLER_PORT", benchSetting(environment, "KAFKA_CONTROLLER_PORT", "29093"));
        env.put("FLASHSALE_HEALTH_TIMEOUT", environment.getOrDefault("FLASHSALE_HEALTH_TIMEOUT", "180"));
        return env;
    }

    /** The folder of the results, the logs and the stack's home: FLASHSALE_BENCH_DIR (relative to the repository). */
    static Path benchDir(Path root, Map<String, String> environment) {
        return root.resolve(benchSetting(environment, "DIR", "load-tests/target/bench"))
                .toAbsolutePath()
                .normalize();
    }

    /** The database dropped and created anew: FLASHSALE_BENCH_DB, else flashsale_bench. */
    static String database(Map<String, String> environment) {
        return benchSetting(environment, "DB", "flashsale_bench");
    }

    /** The port of the machine's PostgreSQL server: FLASHSALE_BENCH_PG_PORT, else 5432. */
    static String postgresPort(Map<String, String> environment) {
        return benchSetting(environment, "PG_PORT", "5432");
    }

    private static String benchSetting(Map<String, String> environment, String name, String fallback) {
        String value = environment.get("FLASHSALE_BENCH_" + name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    public int run(List<String> args) {
        if (!args.isEmpty()) {
            throw new StackException(USAGE);
        }
        Map<String, String> environment = stack.environment();
        Tools tools = new Tools(environment);
        tools.requireMaven();
        requireWrk(tools);
        String pgPort = postgresPort(environment);
        if (!Ports.reachable("127.0.0.1", Integer.parseInt(pgPort))) {
            throw new StackException("the machine's PostgreSQL server does not answer on 127.0.0.1:" + pgPort
                    + " (Debian: pg_ctlcluster 15 main start)");
        }
        Path root = stack.root();
        Path benchDir = benchDir(root, environment);
        Map<String, String> benchEnv = stackEnvironment(root, environment);
        Path home = Path.of(benchEnv.get("FLASHSALE_HOME"));
        LocalStack benchStack = LocalStack.of(root, benchEnv, console);
        try {
            Files.createDirectories(benchDir);
        } catch (IOException e) {
            throw new StackException("cannot create " + benchDir);
        }
        String classpath = LoadTests.compile(root, environment, console, benchDir.resolve("build.log"));

        if (Files.isDirectory(home.resolve("run"))) {
            try {
                benchStack.withConsole(Console.silent()).down();
            } catch (StackException e) {
                // what an interrupted run left is stopped as far as it goes; the start below says if not
            }
        }
        for (String old : List.of("home", "gatling", "wrk", "launcher.log")) {
            Path path = benchDir.resolve(old);
            if (Files.isDirectory(path)) {
                Folders.delete(path);
            } else {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new StackException("cannot delete " + path);
                }
            }
        }
        String database = database(environment);
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database;
        String java = stack.settings().java();
        int created = Commands.run(
                root,
                environment,
                List.of(
                        java,
                        "-Xmx96m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classpath,
                        "com.flashsale.load.bench.BenchDatabase",
                        jdbc),
                ProcessBuilder.Redirect.INHERIT);
        if (created != 0) {
            throw new StackException("cannot recreate the database " + database + " on 127.0.0.1:" + pgPort);
        }
        Thread stopOnInterrupt = new Thread(() -> benchStack.down(), "flashsale-bench-down");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        int code;
        boolean stopped = false;
        try {
            try {
                benchStack.up();
            } catch (StackException e) {
                throw new StackException("the benchmark's stack did not come up; logs in " + home.resolve("logs"));
            }
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-Xms512m",
                    "-Xmx1g",
                    "-XX:+UseParallelGC",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "-Dflashsale.base-url=http://127.0.0.1:" + benchEnv.get("FLASHSALE_EDGE_PORT"),
                    "-Dflashsale.kafka.bootstrap=127.0.0.1:" + benchEnv.get("FLASHSALE_KAFKA_PORT"),
                    "-Dflashsale.db.url=" + jdbc,
                    "-Dflashsale.db.user=postgres",
                    "-Dbench.dir=" + benchDir,
                    "-Dflashsale.root=" + root,
                    "-Dbench.phases=" + environment.getOrDefault("FLASHSALE_BENCH_PHASES", "a,b,c,d"),
                    "-cp",
                    classpath,
                    "com.flashsale.load.bench.BenchMain"));
            code = Commands.run(root, benchEnv, command, ProcessBuilder.Redirect.INHERIT);
            console.say("");
            benchStack.down();
            stopped = true;
        } finally {
            removeHook(stopOnInterrupt);
            if (!stopped) {
                benchStack.down();
            }
        }
        if (code != 0) {
            console.say("flashsale bench: exit " + code + "; the stack's logs: " + home.resolve("logs")
                    + ", the launcher's: " + benchDir.resolve("launcher.log"));
        }
        return code;
    }

    private void requireWrk(Tools tools) {
        if (tools.find("wrk").isPresent()) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && tools.find("apt-get").isPresent()) {
            console.say("flashsale bench: installing wrk (apt-get install -y wrk) ...");
            Map<String, String> env = new HashMap<>(stack.environment());
            env.put("DEBIAN_FRONTEND", "noninteractive");
            boolean installed = apt(env, "install", "-y", "-q", "wrk")
                    || (apt(env, "update", "-q") && apt(env, "install", "-y", "-q", "wrk"));
            if (!installed) {
                throw new StackException("installing wrk failed; install it by hand (apt-get install -y wrk)");
            }
        } else {
            throw new StackException(
                    "wrk is not installed: the benchmark drives the edge with it (as root: apt-get install -y wrk)");
        }
    }

    private boolean apt(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add("apt-get");
        command.addAll(List.of(args));
        return Commands.run(stack.root(), env, command, ProcessBuilder.Redirect.DISCARD) == 0;
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs
        }
    }
}
