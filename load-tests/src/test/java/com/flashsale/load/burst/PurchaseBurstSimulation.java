package com.flashsale.load.burst;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.flashsale.load.BurstTimeline;
import com.flashsale.load.InvariantVerdict;
import com.flashsale.load.StackClient;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A flash-sale burst through the public API: a fresh sale of {@code stock} units, {@code users}
 * seeded shoppers, and {@code requests} purchase requests spread over them round-robin (each shopper
 * presses "Buy" requests/users times, without an Idempotency-Key, as an impatient shopper does).
 *
 * <p>Closed model: {@code concurrency} virtual users (default 256), each on its own keep-alive
 * connection, take the next request as soon as their previous one is answered, until all requests
 * are sent or {@code max-seconds} pass. A burst of shoppers is bounded by how many wait on an answer
 * at once; an open model at a fixed rate would either under-drive the edge or, past its capacity,
 * pile up connections on the same two cores and measure the load generator rather than the
 * platform. The requests go out as fast as the edge answers them, and the run stops by itself.
 *
 * <p>After the burst it waits (120 s at most) until every request answered 202 has a final outcome
 * in the database, then prints the verdict on every invariant, the answers by status and reason, and
 * the timings from the first request to the last final outcome and to the stock-th confirmation.
 */
public class PurchaseBurstSimulation extends Simulation {

    private static volatile BurstResult lastResult;
    private static volatile Throwable setupFailure;

    private final BurstSettings settings = BurstSettings.fromEnvironment();
    private final StackClient stack = new StackClient(settings.baseUrl());
    private final BurstAnswers answers = new BurstAnswers();
    private final AtomicLong next = new AtomicLong();
    private volatile UUID saleId;
    private volatile String[] tokens;

    /** The result of the last burst run in this JVM, or null (for ./flashsale burst and the benchmark). */
    public static BurstResult lastResult() {
        return lastResult;
    }

    /** Why the last burst's setup failed, or null. */
    public static Throwable setupFailure() {
        return setupFailure;
    }

    public PurchaseBurstSimulation() {
        lastResult = null;
        setupFailure = null;
        HttpProtocolBuilder protocol = http.baseUrl(stack.baseUrl())
                .warmUp(stack.baseUrl() + "/api/time")
                .acceptHeader("application/json")
                .disableCaching();

        // A KO answer (503, a timeout) does not stop the virtual user: it records it and takes the next request.
        ScenarioBuilder burst = scenario("purchase burst")
                .exec(asLongAs(session -> next.get() < settings.requests())
                        .on(exec(this::claim)
                                .doIf(session -> session.getBoolean("go"))
                                .then(exec(http("purchase")
                                                .post(session -> "/api/sales/" + saleId + "/purchases")
                                                .header(
                                                        "Authorization",
                                                        session -> "Bearer " + session.getString("token"))
                                                // 409 is a correct answer (sold out, already bought); 503 and the
                                                // rest count as KO in the report. Status and body are saved first
                                                // so that every answer is recorded.
                                                .check(
                                                        status().saveAs("status"),
                                                        bodyString().saveAs("body"))
                                                .check(status().in(202, 409)))
                                        .exec(this::record))));

        setUp(burst.injectOpen(atOnceUsers(settings.concurrency())))
                .protocols(protocol)
                .maxDuration(settings.maxDuration());
    }

    private Session claim(Session session) {
        long n = next.getAndIncrement();
        if (n >= settings.requests()) {
            return session.set("go", false);
        }
        answers.sending();
        return session.set("go", true).set("token", tokens[(int) (n % tokens.length)]);
    }

    private Session record(Session session) {
        Integer status = session.contains("status") ? session.getInt("status") : null;
        answers.record(status, session.contains("body") ? session.getString("body") : null);
        return session.remove("status").remove("body");
    }

    @Override
    public void before() {
        try {
            setUpSaleAndShoppers();
        } catch (RuntimeException e) {
            setupFailure = e;
            throw e;
        }
    }

    private void setUpSaleAndShoppers() {
        BurstOutput.say(
                "burst: %,d purchase requests from %,d shoppers on a sale of %,d units, %d in flight, against %s",
                settings.requests(), settings.users(), settings.stock(), settings.concurrency(), stack.baseUrl());
        if (!stack.reachable()) {
            throw new IllegalStateException("edge-api at " + stack.baseUrl()
                    + " does not answer GET /api/time: is the stack up (./flashsale up)?");
        }
        long start = System.nanoTime();
        String admin = stack.login("admin", "Satu123");
        saleId = stack.createSale(admin, settings.stock(), Duration.ofHours(1));
        List<StackClient.Shopper> shoppers = stack.seedShoppers(admin, StackClient.freshPrefix("g"), settings.users());
        tokens = shoppers.stream().map(StackClient.Shopper::token).toArray(String[]::new);
        stack.awaitSale(saleId, Duration.ofSeconds(30));
        BurstOutput.say(
                "setup: sale %s, %,d shoppers seeded with their tokens (%.1f s)",
                saleId, tokens.length, (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void after() {
        if (saleId == null) {
            return; // before() failed: nothing ran
        }
        try {
            BurstResult result = settle();
            lastResult = result;
            result.lines().forEach(BurstOutput::say);
        } catch (Exception e) {
            BurstOutput.say("burst: reading the verdict failed: %s", e);
            throw new IllegalStateException("reading the verdict failed", e);
        }
    }

    private BurstResult settle() throws Exception {
        InvariantVerdict verdict = settings.db().verdict();
        List<UUID> accepted = new ArrayList<>(answers.accepted);
        List<UUID> unknown = new ArrayList<>(answers.unknown);
        long start = System.nanoTime();
        long deadline = start + settings.settleBound().toNanos();
        boolean allDecided;
        while (!(allDecided = verdict.decided(saleId, accepted) == accepted.size()) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        double settleSeconds = (System.nanoTime() - start) / 1e9;
        List<InvariantVerdict.Check> checks = verdict.check(saleId, accepted, unknown);
        BurstTimeline timeline = BurstTimeline.read(settings.db(), saleId, settings.stock());
        long first = answers.firstRequestMillis.get();
        return new BurstResult(
                saleId,
                settings.users(),
                settings.requests(),
                settings.stock(),
                settings.concurrency(),
                answers.sent.sum(),
                accepted.size(),
                answers.refusalsByReason(),
                answers.unavailable.sum(),
                unknown.size(),
                answers.others(),
                answers.transportErrors.sum(),
                first == Long.MAX_VALUE ? null : Instant.ofEpochMilli(first),
                answers.lastAnswerMillis.get() == 0 ? null : Instant.ofEpochMilli(answers.lastAnswerMillis.get()),
                allDecided,
                settleSeconds,
                checks,
                timeline);
    }
}
