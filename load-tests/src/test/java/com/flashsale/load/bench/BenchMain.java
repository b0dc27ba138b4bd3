package com.flashsale.load.bench;

import com.flashsale.load.DbSettings;
import com.flashsale.load.InvariantVerdict;
import com.flashsale.load.StackClient;
import com.flashsale.load.burst.BurstMain;
import com.flashsale.load.burst.BurstResult;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark (what {@code ./flashsale bench} runs against the stack it started on the machine's
 * PostgreSQL server): a. the edge's intake against its trivial GET, b. the apply rate on one hot
 * sale against the classic synchronous design and the raw bulk-insert rate, c. the 100,000-request
 * burst with the peak memory of every process, d. bursts of shoppers whose tokens the edge has never
 * seen (after a restart of the edge, on a warm edge) beside one whose tokens it has. Prints figures and the ratios between them, all
 * measured in this run on this machine, and writes them as Markdown beside the Gatling reports.
 */
public final class BenchMain {

    private static final List<String> STACK = List.of("kafka", "catalog-service", "order-processor", "edge-api");

    private final StackClient stack;
    private final DbSettings db;
    private final String bootstrap;
    private final Path dir;
    private final Path home;
    private final Launcher launcher;
    private final Duration measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    private final int shopperCount = Integer.getInteger("bench.shoppers", 20_000);
    private final List<String> table = new ArrayList<>();
    private MachineLoad load;
    private boolean failed;

    private BenchMain() throws IOException {
        stack = new StackClient(StackClient.baseUrlFromEnvironment());
        db = DbSettings.fromEnvironment();
        bootstrap = System.getProperty("flashsale.kafka.bootstrap", "127.0.0.1:9092");
        dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        home = Path.of(System.getenv().getOrDefault("FLASHSALE_HOME", ".flashsale"));
        Files.createDirectories(dir);
        launcher = new Launcher(dir.resolve("launcher.log"));
    }

    public static void main(String[] args) throws Exception {
        BenchMain bench = new BenchMain();
        int code;
        try {
            code = bench.run();
        } catch (Exception e) {
            System.out.println("bench: FAILED: " + e);
            e.printStackTrace(System.out);
            code = 2;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        Wrk.requireInstalled();
        if (!stack.reachable()) {
            throw new IllegalStateException("edge-api at " + stack.baseUrl() + " does not answer");
        }
        say(
                "bench: %d cores, edge %s, database %s, Kafka %s; load average %s",
                Runtime.getRuntime().availableProcessors(), stack.baseUrl(), db.jdbcUrl(), bootstrap, loadAverage());
        load = new MachineLoad(home.resolve("run"), STACK);
        String admin = stack.login("admin", "Satu123");
        // All four by default; FLASHSALE_BENCH_PHASES=a (or "b,c", ...) runs a part while tuning one layer.
        String phases = System.getProperty("bench.phases", "a,b,c,d");
        List<StackClient.Shopper> shoppers = List.of();
        if (phases.contains("a") || phases.contains("b")) {
            long t = System.nanoTime();
            shoppers = stack.seedShoppers(admin, StackClient.freshPrefix("b"), shopperCount);
            say(
                    "bench: %,d shoppers seeded with their tokens (%.1f s)",
                    shoppers.size(), (System.nanoTime() - t) / 1e9);
        }
        MachineLoad.Mark start = load.mark();
        if (phases.contains("a")) {
            intake(admin, shoppers);
        }
        MachineLoad.Mark afterIntake = load.mark();
        if (phases.contains("b")) {
            apply(admin, shoppers);
        }
        MachineLoad.Mark afterApply = load.mark();
        if (phases.contains("c")) {
            burst();
        }
        MachineLoad.Mark afterBurst = load.mark();
        if (phases.contains("d")) {
            firstSight(admin);
        }
        MachineLoad.Mark end = load.mark();
        load.close();
        row(
                "machine: CPU used by other processes during a. / b. / c. / d.",
                String.join(
                        " / ",
                        foreign(phases, "a", start, afterIntake),
                        foreign(phases, "b", afterIntake, afterApply),
                        foreign(phases, "c", afterApply, afterBurst),
                        foreign(phases, "d", afterBurst, end)),
                "",
                "of all cores; 0% on a quiet machine");
        row("machine: load average at the end", loadAverage(), "", "");

        String date = LocalDate.now().toString();
        String host = InetAddress.getLocalHost().getHostName();
        List<String> out = new ArrayList<>();
        out.add("");
        out.add(String.format(
                "## Results of %s on %s (%d cores)",
                date, host, Runtime.getRuntime().availableProcessors()));
        out.add("");
        out.add("| measure | figure | ratio | target |");
        out.add("|---|---|---|---|");
        out.addAll(table);
        out.forEach(System.out::println);
        Files.write(dir.resolve("results.md"), out);
        say("");
        say("bench: results also in %s", dir.resolve("results.md"));
        return failed ? 1 : 0;
    }

    // ------------------------------------------------------------------------------------------
    // a. Edge intake

    private void intake(String admin, List<StackClient.Shopper> shoppers) throws Exception {
        int threads = Integer.getInteger("bench.wrk.threads", 2);
        int connections = Integer.getInteger("bench.wrk.connections", 256);
        Wrk wrk = new Wrk(dir.resolve("wrk"), stack.baseUrl(), threads, connections, home.resolve("run"));
        say("");
        say(
                "a. edge intake: wrk -t%d -c%d, %d s per route, the same Lua script for every route",
                threads, connections, measure.toSeconds());
        // Enough (shopper, sale) pairs that no shopper buys twice in the 202 phase: big stock, many sales.
        int saleCount = Integer.getInteger("bench.intake.sales", 25);
        List<UUID> sales = new ArrayList<>();
        for (int i = 0; i < saleCount; i++) {
            sales.add(stack.createSale(admin, 10_000_000, Duration.ofHours(2)));
        }
        for (UUID sale : sales) {
            stack.awaitSale(sale, Duration.ofSeconds(30));
        }
        Path tokens = wrk.writeTokens("tokens.txt", shoppers);
        Path saleFile = wrk.writeSales("intake-sales.txt", sales);
        long pairs = (long) shoppers.size() * sales.size();
        Duration warm = Duration.ofSeconds(Integer.getInteger("bench.warm-seconds", 5));

        // A freshly started edge JIT-compiles for minutes on two cores: warm both routes up until the
        // edge's CPU time per GET /api/time stops falling (within 10 % of the round before), 4 to 12 rounds.
        long first = 0;
        long warmStart = System.nanoTime();
        List<String> warmCosts = new ArrayList<>();
        double lastCost = Double.MAX_VALUE;
        for (int round = 0; round < 12; round++) {
            Wrk.Result warmGet = wrk.get("/api/time", warm);
            Wrk.Result warmBuy = wrk.buy(tokens, saleFile, first, pairs - first, warm);
            first = nextFree(first, warmBuy, threads, connections);
            double cost = warmGet.edgeMicrosPerAnswer();
            warmCosts.add(String.format("%.0f", cost));
            if (round >= 3 && cost > 0.9 * lastCost) {
                break;
            }
            lastCost = cost;
        }
        say(
                "   warmed up both routes for %.0f s (edge CPU per GET /api/time, us, by round: %s)",
                (System.nanoTime() - warmStart) / 1e9, String.join(" ", warmCosts));
        Wrk.Result baseline = wrk.get("/api/time", measure);
        say("   GET /api/time          %s", baseline);
        Wrk.Result buy = wrk.buy(tokens, saleFile, first, pairs - first, measure);
        say("   POST purchase (202)    %s", buy);
        long replayLength = Math.max(1, buy.minLastIndex() - (long) threads * connections - first);
        if (buy.minLastIndex() + (long) threads * connections >= pairs) {
            say("   warning: the 202 phase used all %,d (shopper, sale) pairs; raise bench.intake.sales", pairs);
        }
        double intakeRatio = buy.perSecond(202) / baseline.perSecond();
        row("a. GET /api/time (baseline), answers/s", rate(baseline), "1", "");
        row(
                "a. purchase answered 202 (after the Kafka ack), the whole pipeline running, /s",
                rate202(buy, 202),
                ratio(intakeRatio),
                target(intakeRatio, 0.4));
        row("a. purchase 202 latency p50 / p99", String.format("%.1f ms / %.1f ms", buy.p50Ms(), buy.p99Ms()), "", "");

        double drained = Pipeline.awaitIdle(db, bootstrap, Duration.ofSeconds(180));
        say("   order-processor caught up with the 202 phase %.1f s after it ended", drained);

        // The same with order-processor stopped: what the edge and the broker take in by themselves.
        // On this machine order-processor and PostgreSQL apply every 202 on the same two cores while it
        // is measured; deployed, they run beside the edge, not on its cores. The backlog is applied after.
        long aloneFirst = nextFree(first, buy, threads, connections);
        launcher.down("order-processor");
        Wrk.Result baselineAlone = wrk.get("/api/time", measure);
        say("   GET /api/time          %s", baselineAlone);
        Wrk.Result buyAlone = wrk.buy(tokens, saleFile, aloneFirst, pairs - aloneFirst, measure);
        say("   POST purchase (202), order-processor stopped: %s", buyAlone);
        launcher.up("order-processor");
        double drainedAlone = Pipeline.awaitIdle(db, bootstrap, Duration.ofSeconds(180));
        say("   order-processor (restarted) applied that backlog in %.1f s", drainedAlone);
        double aloneRatio = buyAlone.perSecond(202) / baselineAlone.perSecond();
        row(
                "a. purchase answered 202, order-processor stopped (edge + broker alone), /s",
                rate202(buyAlone, 202)
                        + String.format(", p50 %.1f ms, p99 %.1f ms", buyAlone.p50Ms(), buyAlone.p99Ms()),
                ratio(aloneRatio),
                target(aloneRatio, 0.4) + " (baseline beside it " + rate(baselineAlone) + ")");
        Thread.sleep(2_000); // the edge hears the last outcomes

        UUID soldOut = stack.createSale(admin, 1, Duration.ofHours(2));
        stack.awaitSale(soldOut, Duration.ofSeconds(30));
        StackClient.Reply bought = stack.post(
                "/api/sales/" + soldOut + "/purchases", shoppers.get(0).token(), null);
        if (bought.status() != 202) {
            throw new IllegalStateException(
                    "buying the single unit answered " + bought.status() + ": " + bought.body());
        }
        stack.awaitSaleStatus(soldOut, "SOLD_OUT", Duration.ofSeconds(60));
        Path soldOutFile = wrk.writeSales("sold-out-sale.txt", List.of(soldOut));
        wrk.buy(tokens, soldOutFile, 0, shoppers.size(), warm);
        Wrk.Result baseline2 = wrk.get("/api/time", measure);
        say("   GET /api/time          %s", baseline2);
        Wrk.Result refusedSoldOut = wrk.buy(tokens, soldOutFile, 0, shoppers.size(), measure);
        say("   POST sold out (409)    %s", refusedSoldOut);
        double soldOutRatio = refusedSoldOut.perSecond(409) / baseline2.perSecond();

        wrk.buy(tokens, saleFile, first, replayLength, warm);
        Wrk.Result baseline3 = wrk.get("/api/time", measure);
        say("   GET /api/time          %s", baseline3);
        Wrk.Result refusedBought = wrk.buy(tokens, saleFile, first, replayLength, measure);
        say("   POST already bought    %s", refusedBought);
        double boughtRatio = refusedBought.perSecond(409) / baseline3.perSecond();
        row(
                "a. refused 409 SOLD_OUT at the edge, /s",
                rate202(refusedSoldOut, 409),
                ratio(soldOutRatio),
                target(soldOutRatio, 0.7));
        row(
                "a. refused 409 ALREADY_PURCHASED at the edge, /s",
                rate202(refusedBought, 409),
                ratio(boughtRatio),
                target(boughtRatio, 0.7));
        row("a. (baselines of the two refusal runs, /s)", rate(baseline2) + " and " + rate(baseline3), "", "");
        row(
                "a. edge-api CPU per answer: GET /api/time / 202 / SOLD_OUT / ALREADY_PURCHASED",
                String.format(
                        "%.0f / %.0f / %.0f / %.0f us",
                        baseline.edgeMicrosPerAnswer(),
                        buy.edgeMicrosPerAnswer(),
                        refusedSoldOut.edgeMicrosPerAnswer(),
                        refusedBought.edgeMicrosPerAnswer()),
                String.format("%.2f", baseline.edgeMicrosPerAnswer() / buy.edgeMicrosPerAnswer()),
                "cost ratio time/202 (Kafka broker: " + String.format("%.0f", buy.kafkaMicrosPerAnswer())
                        + " us per 202)");
        Pipeline.awaitIdle(db, bootstrap, Duration.ofSeconds(120));
    }

    private static long nextFree(long first, Wrk.Result run, int threads, int connections) {
        // Every index a thread handed out is below first + threads * (answered + in flight) + threads.
        return first + (long) threads * (run.requests() + connections) + threads;
    }

    // ------------------------------------------------------------------------------------------
    // b. Apply rate on one hot sale, against the classic design and the raw bulk insert

    private void apply(String admin, List<StackClient.Shopper> shoppers) throws Exception {
        say("");
        int requests = Integer.getInteger("bench.apply.requests", 200_000);
        say(
                "b. apply rate: %,d requests of %,d shoppers for a sale of 1,000 units on one partition",
                requests, shoppers.size());
        ApplyRate.Result pipeline =
                ApplyRate.run(stack, admin, shoppers, db, bootstrap, launcher, home.resolve("run"), requests, 1_000);
        say(
                "   produced in %.1f s onto partition %d; order-processor applied and published them in %.2f s after"
                        + " its first decision (%.1f s from its launch): %,.0f requests/s; %,d outcomes, %,d confirmed",
                pipeline.produceSeconds(),
                pipeline.partition(),
                pipeline.applySeconds(),
                pipeline.launchToDoneSeconds(),
                pipeline.perSecond(),
                pipeline.outcomes(),
                pipeline.confirmed());
        say(
                "   CPU from the launch to done: order-processor %.1f s (JVM start and JIT included), Kafka %.1f s;"
                        + " all cores %.0f%% busy",
                pipeline.processorCpuSeconds(), pipeline.kafkaCpuSeconds(), 100 * pipeline.machineBusy());
        verdict("   ", pipeline.checks());

        ClassicPurchases.Result classic = ClassicPurchases.run(db, 32, Duration.ofSeconds(2), measure);
        say(
                "   classic, 32 JDBC clients on one stock row: %,.0f tx/s (%,d in %.0f s), p50 %.1f ms, p99 %.1f ms",
                classic.perSecond(), classic.transactions(), classic.seconds(), classic.p50Ms(), classic.p99Ms());
        BulkInsert.Result bulk = BulkInsert.run(db, 200_000, 500);
        say(
                "   bulk insert, 7 columns, batches of 500 + UPDATE + offsets upsert: %,.0f rows/s (%.2f s)",
                bulk.rowsPerSecond(), bulk.seconds());
        double ratio = pipeline.perSecond() / classic.perSecond();
        row(
                "b. pipeline: requests decided, committed and published /s (one hot sale)",
                String.format(
                        "%,.0f (%,d in %.2f s; %.1f s incl. JVM start)",
                        pipeline.perSecond(),
                        pipeline.requests(),
                        pipeline.applySeconds(),
                        pipeline.launchToDoneSeconds()),
                ratio(ratio),
                target(ratio, 25) + " (aim 50)");
        row(
                "b. classic: 32 JDBC clients, SELECT FOR UPDATE + UPDATE + INSERT, tx/s",
                String.format("%,.0f (p99 %.1f ms)", classic.perSecond(), classic.p99Ms()),
                "1",
                "");
        row(
                "b. raw bulk insert of the same server, rows/s",
                String.format("%,.0f", bulk.rowsPerSecond()),
                ratio(bulk.rowsPerSecond() / classic.perSecond()),
                "pipeline at " + String.format("%.0f%%", 100 * pipeline.perSecond() / bulk.rowsPerSecond()) + " of it");
    }

    // ------------------------------------------------------------------------------------------
    // c. The burst

    private void burst() throws Exception {
        say("");
        say("c. the burst (Gatling, this JVM), sampling the resident memory of every process:");
        System.setProperty("flashsale.base-url", stack.baseUrl());
        System.setProperty("flashsale.db.url", db.jdbcUrl());
        System.setProperty("flashsale.db.user", db.user());
        System.setProperty("flashsale.db.password", db.password());
        BurstMain.BurstRun run;
        RssSampler rss = new RssSampler(home.resolve("run"), STACK, 200);
        try (rss) {
            run = BurstMain.run(dir.resolve("gatling"));
        }
        BurstResult result = run.result();
        if (result == null) {
            failed = true;
            row("c. burst", "did not complete", "", "");
            return;
        }
        if (!result.holds()) {
            failed = true;
        }
        row(
                "c. burst: "
                        + String.format(
                                "%,d requests, %,d shoppers, %,d units", result.sent(), result.users(), result.stock()),
                String.format(
                        "202 %,d; 409 %,d; 503 %,d; errors %,d",
                        result.accepted(), result.refused(), result.unavailable(), result.transportErrors()),
                "",
                result.holds() ? "invariants HOLD" : "an invariant is BROKEN");
        row("c. first request -> last final outcome", String.format("%.1f s", result.lastOutcomeSeconds()), "", "");
        row("c. first request -> 1,000th confirmation", String.format("%.1f s", result.lastUnitSeconds()), "", "");
        row("c. first request -> last answer of the edge", String.format("%.1f s", result.answeringSeconds()), "", "");
        Map<String, Long> peaks = rss.peakRssMb();
        Map<String, Long> hwm = rss.highWaterMb();
        for (String component : STACK) {
            row(
                    "c. peak RSS " + component,
                    peaks.get(component) + " MB during the burst",
                    "",
                    "VmHWM " + hwm.get(component) + " MB");
        }
        row("c. peak RSS postgres", "external (the machine's server)", "", "");
        Long self = RssSampler.status(ProcessHandle.current().pid()).get("VmHWM");
        row(
                "c. peak RSS of the load generator (this JVM, Gatling)",
                (self == null ? "?" : self / 1024) + " MB",
                "",
                "");
    }

    // ------------------------------------------------------------------------------------------
    // d. First sight: a crowd whose tokens the edge has never seen

    private void firstSight(String admin) throws Exception {
        int connections = Integer.getInteger("bench.first-sight.connections", 256);
        Duration length = Duration.ofSeconds(Integer.getInteger("bench.first-sight.seconds", 20));
        say("");
        say(
                "d. first sight: wrk -t2 -c%d, %d s per burst, a random token of %,d per request, a new sale of 1,000"
                        + " units each: (1) after a restart of the edge, (2) warm edge, new tokens, (3) the tokens of (2)",
                connections, length.toSeconds(), shopperCount);
        long t = System.nanoTime();
        // Shoppers of this phase alone: nothing before it sent their tokens to the edge.
        List<StackClient.Shopper> first = stack.seedShoppers(admin, StackClient.freshPrefix("f"), shopperCount);
        List<StackClient.Shopper> second = stack.seedShoppers(admin, StackClient.freshPrefix("s"), shopperCount);
        say("   %,d + %,d new shoppers seeded (%.1f s)", first.size(), second.size(), (System.nanoTime() - t) / 1e9);
        Wrk wrk = new Wrk(dir.resolve("wrk-d"), stack.baseUrl(), 2, connections, home.resolve("run"));
        FirstSight phase = new FirstSight(stack, db, launcher, wrk, dir.resolve("wrk-d"), 1_000, length);
        List<FirstSight.Burst> bursts =
                phase.run(admin, first, second, Integer.getInteger("bench.first-sight.warm", 6));
        say(
                "   the edge warmed between (1) and (2) in %d rounds of 10 s, CPU per answer %s us",
                phase.warming().size(),
                phase.warming().stream().map(c -> String.format("%.0f", c)).toList());
        String[] names = {
            "(1) first burst after a restart of the edge, new tokens",
            "(2) warm edge, new tokens",
            "(3) warm edge, the tokens of (2) again"
        };
        for (int i = 0; i < bursts.size(); i++) {
            FirstSight.Burst b = bursts.get(i);
            Wrk.Result r = b.answers();
            say("   %s: %s", names[i], r);
            say(
                    "      max %.0f ms; 202: %,d, 503 naming a request: %,d; 1,000th request accepted %.2f s, 1,000th"
                            + " confirmation %.2f s, last outcome %.2f s after the first request",
                    r.maxMs(),
                    b.accepted(),
                    b.unknown(),
                    b.nthAcceptedSeconds(),
                    b.nthConfirmedSeconds(),
                    b.lastOutcomeSeconds());
            say("      answers per 100 ms from the first request, by status:");
            r.opening(20).forEach(line -> say("        %s", line));
            say("      CPU ms per 100 ms from wrk's start (two cores: 200), by process:");
            r.openingCpu().forEach(line -> say("        %s", line));
            verdict("      ", b.checks());
            row(
                    "d. " + names[i],
                    String.format(
                            "%,.0f answers/s; p50 %.1f ms, p99 %.1f ms, max %.0f ms; statuses %s; edge CPU %.0f us"
                                    + " per answer",
                            r.perSecond(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.statuses(), r.edgeMicrosPerAnswer()),
                    "",
                    (b.holds() ? "invariants HOLD" : "an invariant is BROKEN"));
            row(
                    "d. " + names[i].substring(0, 3) + " first request -> 1,000th confirmation",
                    String.format("%.2f s", b.nthConfirmedSeconds()),
                    "",
                    i == 0 ? atMost(b.nthConfirmedSeconds(), 1.0, "s") : atMost(b.nthConfirmedSeconds(), 0.5, "s"));
        }
        if (bursts.size() == 3) {
            Wrk.Result one = bursts.get(0).answers();
            Wrk.Result two = bursts.get(1).answers();
            Wrk.Result seen = bursts.get(2).answers();
            double p99One = one.p99Ms() / seen.p99Ms();
            double p99Two = two.p99Ms() / seen.p99Ms();
            double throughput = two.perSecond() / seen.perSecond();
            row("d. p99 of (1) / p99 of (3)", "", ratio(p99One), atMost(p99One, 3, "x"));
            row("d. p99 of (2) / p99 of (3)", "", ratio(p99Two), atMost(p99Two, 3, "x"));
            row(
                    "d. slowest answer of (2)",
                    String.format("%.0f ms", two.maxMs()),
                    "",
                    atMost(two.maxMs() / 1000, 1.0, "s"));
            row("d. answers/s of (2) / answers/s of (3)", "", ratio(throughput), target(throughput, 0.9));
        }
    }

    /** The foreign share of a phase, or "-" when it did not run (an empty interval says nothing). */
    private static String foreign(String phases, String phase, MachineLoad.Mark from, MachineLoad.Mark to) {
        return phases.contains(phase) ? String.format("%.0f%%", MachineLoad.foreignPercent(from, to)) : "-";
    }

    private static String atMost(double value, double bound, String unit) {
        return (value <= bound ? "met" : "MISSED") + " (<= "
                + (bound == Math.rint(bound) ? String.format("%.0f", bound) : String.valueOf(bound)) + " " + unit + ")";
    }

    // ------------------------------------------------------------------------------------------

    private void verdict(String indent, List<InvariantVerdict.Check> checks) {
        checks.forEach(check -> say("%s%s", indent, check));
        if (!checks.stream().allMatch(InvariantVerdict.Check::holds)) {
            failed = true;
        }
    }

    private void row(String measure, String figure, String ratio, String target) {
        table.add("| " + measure + " | " + figure + " | " + ratio + " | " + target + " |");
    }

    private static String rate(Wrk.Result r) {
        return String.format("%,.0f", r.perSecond());
    }

    private static String rate202(Wrk.Result r, int status) {
        double share = r.requests() == 0 ? 0 : 100.0 * r.count(status) / r.requests();
        return String.format("%,.0f (%.1f%% of answers)", r.perSecond(status), share);
    }

    private static String ratio(double r) {
        return String.format("%.2f", r);
    }

    private static String target(double value, double target) {
        return (value >= target ? "met" : "MISSED") + " (>= "
                + (target == Math.rint(target) ? String.format("%.0f", target) : String.valueOf(target)) + ")";
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void say(String format, Object... args) {
        System.out.println(args.length == 0 ? format : String.format(format, args));
        System.out.flush();
    }
}
