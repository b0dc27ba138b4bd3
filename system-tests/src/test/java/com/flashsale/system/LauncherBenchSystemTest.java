package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.LocalStack;
import com.flashsale.devstack.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code ./flashsale bench} through the launcher, as a user runs it: a stack of its own on the
 * machine's PostgreSQL server (127.0.0.1:5432, trust authentication) and wrk, both required (the test
 * fails with the command's own message when one is missing). A small run of phase c: a database, a
 * folder and ports of its own (never a developer's {@code flashsale_bench} or
 * {@code load-tests/target/bench}), no warm-up of the edge, the JVMs' quick compiler and a burst of
 * 1,500 requests.
 */
@Order(8)
class LauncherBenchSystemTest {

    private static final String DATABASE = "flashsale_bench_test";
    private static final String DIR = "system-tests/target/bench";
    private static final String QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

    @Test
    void theBenchCommandRunsAPhaseOnAStackOfItsOwnAndEveryInvariantHolds() throws Exception {
        Path root = LocalStack.repositoryRoot();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("FLASHSALE_BENCH_JFR");
        env.putAll(Map.of(
                "FLASHSALE_BENCH_DB", DATABASE,
                "FLASHSALE_BENCH_DIR", DIR,
                "FLASHSALE_BENCH_PHASES", "c",
                "FLASHSALE_BENCH_EDGE_PORT", "24080",
                "FLASHSALE_BENCH_ORDERS_PORT", "24081",
                "FLASHSALE_BENCH_CATALOG_PORT", "24082",
                "FLASHSALE_BENCH_KAFKA_PORT", "24092",
                "FLASHSALE_BENCH_KAFKA_CONTROLLER_PORT", "24093"));
        // Small and quick to start: the burst's size (load-tests' BurstSettings), no warm-up of the edge or of
        // order-processor (their own settings; warmth costs speed, never correctness) and the JVMs' quick compiler
        // only (the launcher's options).
        env.putAll(Map.of(
                "BURST_USERS", "300",
                "BURST_REQUESTS", "1500",
                "BURST_STOCK", "40",
                "BURST_CONCURRENCY", "32",
                "FLASHSALE_EDGE_WARMUP_VERIFICATIONS", "0",
                "FLASHSALE_EDGE_WARMUP_REQUESTS", "0",
                "FLASHSALE_EDGE_WARMUP_REHEARSAL_REQUESTS", "0",
                "FLASHSALE_ORDERS_WARMUP_BATCHES", "0",
                "FLASHSALE_SERVICE_JAVA_OPTS", QUICK_JVM + " -Xms64m -Xmx384m -XX:+UseSerialGC",
                "FLASHSALE_KAFKA_JAVA_OPTS",
                        QUICK_JVM + " -Xms128m -Xmx512m -XX:+UseSerialGC -Djava.awt.headless=true"));
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(said, true, StandardCharsets.UTF_8);

        int exit = Main.run(new String[] {"bench"}, root, env, new Console(both, both));

        String words = said.toString(StandardCharsets.UTF_8);
        System.out.print(words);
        assertThat(exit)
                .as("exit code of ./flashsale bench (0: every invariant HOLDS); it said: " + words)
                .isZero();
        Path dir = root.resolve(DIR);
        List<String> rows = Files.readAllLines(dir.resolve("results.md")).stream()
                .filter(line -> line.startsWith("| "))
                .toList();
        assertThat(rows)
                .as("the phase's rows with their figures")
                .anyMatch(row -> row.matches("\\| c\\. burst: 1,500 requests, 300 shoppers, 40 units \\| 202 [0-9,]+;"
                        + " 409 [0-9,]+; 503 [0-9,]+; errors [0-9,]+ \\|.*"))
                .anyMatch(row -> row.matches("\\| c\\. first request -> last final outcome \\| [0-9.]+ s \\|.*"))
                .anyMatch(row -> row.matches("\\| c\\. peak RSS edge-api \\| [0-9]+ MB during the burst \\|.*"))
                .anyMatch(row -> row.matches("\\| c\\. peak RSS order-processor \\| [0-9]+ MB during the burst \\|.*"))
                .noneMatch(row -> row.matches("\\| [abd]\\. .*"));
        assertThat(rows.stream().filter(row -> row.contains("invariant")))
                .as("the invariants rows")
                .isNotEmpty()
                .allMatch(row -> row.endsWith("| invariants HOLD |"));
        assertThat(dir.resolve("home/run/stack.env"))
                .as("the bench stopped its stack")
                .doesNotExist();
    }
}
