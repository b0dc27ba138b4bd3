package com.flashsale.devstack.command;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.LocalStack;
import com.flashsale.devstack.StackException;
import com.flashsale.devstack.build.Tools;
import com.flashsale.devstack.process.Commands;
import com.flashsale.devstack.process.Health;
import com.flashsale.devstack.settings.Database;
import com.flashsale.devstack.settings.StackSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./flashsale burst [--users N] [--requests N] [--stock N] [--concurrency N]}: the Gatling
 * burst of load-tests against the running stack; prints the verdict on every invariant (read from the
 * stack's database), the answers, the timings and the report's path. Its exit code is the burst's.
 */
public final class Burst {

    static final String USAGE = "usage: ./flashsale burst [--users N] [--requests N] [--stock N] [--concurrency N]";

    private final LocalStack stack;

    public Burst(LocalStack stack) {
        this.stack = stack;
    }

    /** The burst's settings from its arguments: users, requests, stock, concurrency. */
    static Map<String, Integer> parse(List<String> args) {
        Map<String, Integer> values = new LinkedHashMap<>();
        values.put("users", 20_000);
        values.put("requests", 100_000);
        values.put("stock", 1_000);
        values.put("concurrency", 256);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || !values.containsKey(arg.substring(2))) {
                throw new StackException(USAGE);
            }
            String value = i + 1 < args.size() ? args.get(++i) : "";
            if (!value.matches("[1-9][0-9]{0,8}")) {
                throw new StackException(arg + " needs a positive number");
            }
            values.put(arg.substring(2), Integer.parseInt(value));
        }
        if (values.get("users") > 50_000) {
            throw new StackException("--users is at most 50000 (the load-test seeding endpoint's bound)");
        }
        return values;
    }

    public int run(List<String> args) {
        Map<String, Integer> burst = parse(args);
        StackSettings settings = stack.settings();
        Console console = Console.system();
        new Tools(stack.environment()).requireMaven();
        if (!Health.up(settings.edgePort())) {
            throw new StackException("the stack is not up: edge-api does not answer on port " + settings.edgePort()
                    + " (start it with ./flashsale up; FLASHSALE_HOME=" + settings.home() + ")");
        }
        Path root = stack.root();
        String classpath = LoadTests.compile(
                root, stack.environment(), console, settings.logDir().resolve("load-tests-build.log"));
        Database db = settings.database();
        List<String> command = new ArrayList<>(List.of(
                settings.java(),
                "-Xms256m",
                "-Xmx1g",
                "-XX:+UseParallelGC",
                "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        burst.forEach((key, value) -> command.add("-Dburst." + key + "=" + value));
        command.addAll(List.of(
                "-Dflashsale.base-url=http://127.0.0.1:" + settings.edgePort(),
                "-Dflashsale.db.url=" + db.jdbcUrl(),
                "-Dflashsale.db.user=" + db.user(),
                "-Dburst.results-folder=" + root.resolve("load-tests/target/gatling"),
                "-cp",
                classpath,
                "com.flashsale.load.burst.BurstMain"));
        Map<String, String> environment = new HashMap<>(stack.environment());
        environment.put("FLASHSALE_DB_PASSWORD", db.password());
        return Commands.run(root, environment, command, ProcessBuilder.Redirect.INHERIT);
    }
}
