package com.flashsale.devstack.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users type it: words, messages and exit codes (no stack is started here). */
class CommandLineTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FLASHSALE_HOME", root.resolve("home").toString());
        env.putAll(extra);
        Console console = new Console(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return Main.run(args, root, env, console);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("usage: ./flashsale <command> [component...]\n")
                .contains(
                        "  up [component...]", "--edges N", "  down [component...]", "  status ", "  kill <component>")
                .contains("  reset ", "  test ", "  burst [--users N", "  bench ", "FLASHSALE_BENCH_PHASES")
                .contains("FLASHSALE_BENCH_DB=flashsale_bench", "FLASHSALE_BENCH_DIR=load-tests/target/bench")
                .contains("components: postgres kafka catalog-service order-processor edge-api\n");
        out.reset();
        assertThat(run()).as("no command is help").isZero();
        assertThat(run("--help")).isZero();
    }

    @Test
    void anUnknownCommandPrintsTheUsageOnStderrAndExitsOne() {
        assertThat(run("deploy")).isEqualTo(1);
        assertThat(err()).startsWith("usage: ./flashsale").endsWith("flashsale: unknown command 'deploy'\n");
    }

    @Test
    void killNeedsExactlyOneComponent() {
        assertThat(run("kill")).isEqualTo(1);
        assertThat(err())
                .isEqualTo("flashsale: usage: ./flashsale kill <component>  (components: postgres kafka"
                        + " catalog-service order-processor edge-api)\n");
    }

    @Test
    void killOfAComponentThatDoesNotRunSaysSo() {
        assertThat(run("kill", "edge-api")).isEqualTo(1);
        assertThat(err()).isEqualTo("flashsale: edge-api is not running\n");
    }

    @Test
    void upRefusesAnUnknownComponentOrABadInstanceCount() {
        assertThat(run("up", "redis")).isEqualTo(1);
        assertThat(err()).contains("flashsale: unknown component 'redis' (components: postgres kafka");
        err.reset();
        assertThat(run("up", "--edges", "0")).isEqualTo(1);
        assertThat(err()).isEqualTo("flashsale: --edges needs a number from 1 to 9\n");
        err.reset();
        assertThat(run("up", "--processors", "13")).isEqualTo(1);
        assertThat(err()).isEqualTo("flashsale: --processors needs a number from 1 to 12\n");
        err.reset();
        assertThat(run("up", "--fast")).isEqualTo(1);
        assertThat(err()).isEqualTo("flashsale: usage: ./flashsale up [--edges N] [--processors N] [component...]\n");
    }

    @Test
    void burstTakesItsFourNumbersWithTheirDefaults() {
        assertThat(Burst.parse(List.of()))
                .containsExactly(
                        Map.entry("users", 20_000),
                        Map.entry("requests", 100_000),
                        Map.entry("stock", 1_000),
                        Map.entry("concurrency", 256));
        assertThat(Burst.parse(List.of("--stock", "5", "--users", "100")))
                .containsEntry("stock", 5)
                .containsEntry("users", 100);
    }

    @Test
    void burstRefusesWhatItCannotRun() {
        assertThatThrownBy(() -> Burst.parse(List.of("--users", "0"))).hasMessage("--users needs a positive number");
        assertThatThrownBy(() -> Burst.parse(List.of("--requests"))).hasMessage("--requests needs a positive number");
        assertThatThrownBy(() -> Burst.parse(List.of("--users", "50001")))
                .hasMessage("--users is at most 50000 (the load-test seeding endpoint's bound)");
        assertThatThrownBy(() -> Burst.parse(List.of("--rate", "5"))).hasMessage(Burst.USAGE);
    }

    @Test
    void burstAgainstAStackThatIsNotUpSaysHowToStartIt() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThat(run(Map.of("FLASHSALE_EDGE_PORT", Integer.toString(port)), "burst", "--users", "10"))
                .isEqualTo(1);
        assertThat(err())
                .isEqualTo("flashsale: the stack is not up: edge-api does not answer on port " + port
                        + " (start it with ./flashsale up; FLASHSALE_HOME=" + root.resolve("home") + ")\n");
    }

    @Test
    void benchTakesNoArguments() {
        assertThat(run("bench", "--quick")).isEqualTo(1);
        assertThat(err()).isEqualTo("flashsale: " + Bench.USAGE + "\n");
    }

    @Test
    void theBenchStackIsItsOwnOnTheMachinesPostgresqlAndNeverTheDevelopersBroker() {
        Map<String, String> env = Bench.stackEnvironment(
                root,
                Map.of(
                        "FLASHSALE_KAFKA_BOOTSTRAP", "elsewhere:9092",
                        "FLASHSALE_PG_PORT", "15432",
                        "FLASHSALE_BENCH_EDGE_PORT", "38080"));
        assertThat(env)
                .doesNotContainKeys("FLASHSALE_KAFKA_BOOTSTRAP", "FLASHSALE_PG_PORT")
                .containsEntry(
                        "FLASHSALE_HOME",
                        root.resolve("load-tests/target/bench/home").toString())
                .containsEntry("FLASHSALE_DB_URL", "postgresql://postgres@127.0.0.1:5432/flashsale_bench")
                .containsEntry("FLASHSALE_EDGE_PORT", "38080")
                .containsEntry("FLASHSALE_ORDERS_PORT", "28081")
                .containsEntry("FLASHSALE_KAFKA_PORT", "29092")
                .containsEntry("FLASHSALE_HEALTH_TIMEOUT", "180");
    }

    @Test
    void aBenchRunGivenADatabaseAndAFolderOfItsOwnLeavesTheDevelopersBenchAlone() {
        Map<String, String> env = Bench.stackEnvironment(
                root,
                Map.of(
                        "FLASHSALE_BENCH_DB", "flashsale_bench_test",
                        "FLASHSALE_BENCH_DIR", "system-tests/target/bench"));
        assertThat(env)
                .containsEntry(
                        "FLASHSALE_HOME",
                        root.resolve("system-tests/target/bench/home").toString())
                .containsEntry("FLASHSALE_DB_URL", "postgresql://postgres@127.0.0.1:5432/flashsale_bench_test");
        assertThat(Bench.benchDir(root, Map.of("FLASHSALE_BENCH_DIR", "/elsewhere/bench")))
                .isEqualTo(Path.of("/elsewhere/bench"));
    }

    @Test
    void theTestStackRunsOnTheTestPortsWithoutTheDevelopersDatabaseOrBroker() {
        Map<String, String> env = TestRun.systemEnvironment(
                Map.of("FLASHSALE_DB_URL", "postgresql://x/y", "FLASHSALE_TEST_EDGE_PORT", "48180"),
                root.resolve("home-1"),
                root.resolve("flashsale"));
        assertThat(env)
                .doesNotContainKeys("FLASHSALE_DB_URL", "FLASHSALE_KAFKA_BOOTSTRAP")
                .containsEntry("FLASHSALE_EDGE_PORT", "48180")
                .containsEntry("FLASHSALE_BASE_URL", "http://127.0.0.1:48180")
                .containsEntry("FLASHSALE_PG_PORT", "25432")
                .containsEntry("FLASHSALE_HEALTH_TIMEOUT", "180")
                .containsEntry("FLASHSALE_EDGE_WARMUP_REHEARSAL_PURCHASES", "1000")
                .containsEntry("FLASHSALE_ORDERS_WARMUP_BATCHES", "40");
        assertThat(TestRun.systemEnvironment(
                        Map.of("FLASHSALE_ORDERS_WARMUP_BATCHES", "400"),
                        root.resolve("home-2"),
                        root.resolve("flashsale")))
                .containsEntry("FLASHSALE_ORDERS_WARMUP_BATCHES", "400");
    }

    @Test
    void theFrontendChecksRunInTheirOrderWithLint() {
        assertThat(TestRun.FRONTEND_STEPS.stream().map(step -> String.join(" ", step)))
                .containsExactly("ci --no-audit --no-fund", "run typecheck", "run lint", "run test:unit", "run build");
    }
}
