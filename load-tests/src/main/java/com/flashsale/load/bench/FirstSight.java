package com.flashsale.load.bench;

import com.flashsale.load.BurstTimeline;
import com.flashsale.load.DbSettings;
import com.flashsale.load.InvariantVerdict;
import com.flashsale.load.StackClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Phase d of the benchmark (issue 9): a crowd whose tokens the edge has never seen, each shopper
 * pressing "Buy" for the first time at once, on a new sale of 1,000 units. Three bursts with wrk, a
 * token picked at random per request: right after a restart of the edge, on the warmed edge with new
 * tokens, and again with the tokens of the second burst; each judged by the six invariants.
 */
final class FirstSight {

    private final StackClient stack;
    private final DbSettings db;
    private final Launcher launcher;
    private final Wrk wrk;
    private final Path dir;
    private final int stock;
    private final Duration length;
    private final List<Double> warming = new ArrayList<>();

    FirstSight(StackClient stack, DbSettings db, Launcher launcher, Wrk wrk, Path dir, int stock, Duration length) {
        this.stack = stack;
        this.db = db;
        this.launcher = launcher;
        this.wrk = wrk;
        this.dir = dir;
        this.stock = stock;
        this.length = length;
    }

    /** One burst: what wrk saw, when the stock was sold, and the invariants afterwards. */
    record Burst(
            String label,
            UUID sale,
            Wrk.Result answers,
            long accepted,
            long unknown,
            double nthConfirmedSeconds,
            double nthAcceptedSeconds,
            double lastOutcomeSeconds,
            List<InvariantVerdict.Check> checks) {

        boolean holds() {
            return checks.stream().allMatch(InvariantVerdict.Check::holds);
        }
    }

    /** The three bursts; {@code warmRounds} seen-token runs between the first two warm the restarted edge. */
    List<Burst> run(String admin, List<StackClient.Shopper> first, List<StackClient.Shopper> second, int warmRounds)
            throws Exception {
        Path firstTokens = wrk.writeTokens("first-sight-1.txt", first);
        Path secondTokens = wrk.writeTokens("first-sight-2.txt", second);
        List<Burst> bursts = new ArrayList<>();

        UUID sale1 = newSale(admin);
        // A fresh JVM: nothing compiled, nothing cached. The launcher waits until the edge reports ready.
        launcher.down("edge-api");
        launcher.up("edge-api");
        stack.awaitSale(sale1, Duration.ofSeconds(60));
        bursts.add(burst("1", firstTokens, sale1, 1));

        // Warm the edge with tokens it knows (refusals of the first sale) until its CPU per answer settles.
        Path sale1File = wrk.writeSales("first-sight-warm.txt", List.of(sale1));
        double last = Double.MAX_VALUE;
        for (int round = 0; round < warmRounds; round++) {
            Wrk.Result warm =
                    wrk.crowd(firstTokens, sale1File, 100 + round, dir.resolve("ids-warm"), Duration.ofSeconds(10));
            double cost = warm.edgeMicrosPerAnswer();
            warming.add(cost);
            if (round >= 1 && cost > 0.9 * last) {
                break;
            }
            last = cost;
        }

        bursts.add(burst("2", secondTokens, newSale(admin), 2));
        bursts.add(burst("3", secondTokens, newSale(admin), 3));
        return bursts;
    }

    /** The edge's CPU per answer (us) of each warming round between bursts (1) and (2). */
    List<Double> warming() {
        return List.copyOf(warming);
    }

    private UUID newSale(String admin) {
        UUID sale = stack.createSale(admin, stock, Duration.ofHours(2));
        stack.awaitSale(sale, Duration.ofSeconds(30));
        return sale;
    }

    private Burst burst(String label, Path tokens, UUID sale, long seed) throws IOException, SQLException {
        Path saleFile = wrk.writeSales("first-sight-sale-" + label + ".txt", List.of(sale));
        Path ids = dir.resolve("ids-" + label);
        List<Path> recordings = OpeningRecording.start(
                wrk.runDir(), dir, label, OpeningRecording.seconds(), List.of("edge-api", "order-processor"));
        Instant start = Instant.now();
        Wrk.Result answers = wrk.crowd(tokens, saleFile, seed, ids, length);
        recordings.forEach(file -> System.out.println("   recorded the opening: " + file));
        List<UUID> accepted = new ArrayList<>();
        List<UUID> unknown = new ArrayList<>();
        Instant firstSent = null;
        try (Stream<Path> files = Files.list(ids)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("A ")) {
                        accepted.add(UUID.fromString(line.substring(2).trim()));
                    } else if (line.startsWith("U ")) {
                        unknown.add(UUID.fromString(line.substring(2).trim()));
                    } else if (line.startsWith("T ")) {
                        Instant sent =
                                microsToInstant(Long.parseLong(line.substring(2).trim()));
                        firstSent = firstSent == null || sent.isBefore(firstSent) ? sent : firstSent;
                    }
                }
            }
        }
        InvariantVerdict verdict = db.verdict();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (verdict.decided(sale, accepted) < accepted.size() && System.nanoTime() < deadline) {
            pause(250);
        }
        List<InvariantVerdict.Check> checks = verdict.check(sale, accepted, unknown);
        BurstTimeline timeline = BurstTimeline.read(db, sale, stock);
        // From the first request wrk sent (wrk spends its first tens of ms reading 20,000 tokens).
        Instant clockStart = firstSent != null ? firstSent : start;
        return new Burst(
                label,
                sale,
                answers,
                accepted.size(),
                unknown.size(),
                BurstTimeline.secondsBetween(clockStart, timeline.nthConfirmed()),
                BurstTimeline.secondsBetween(clockStart, timeline.nthAccepted()),
                BurstTimeline.secondsBetween(clockStart, timeline.lastDecided()),
                checks);
    }

    private static Instant microsToInstant(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }

    /** Between two reads of the database while the outcomes are decided. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
