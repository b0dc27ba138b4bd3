package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.devstack.LocalStack;
import com.flashsale.devstack.StackException;
import com.flashsale.devstack.component.Kind;
import com.flashsale.load.InvariantVerdict;
import com.flashsale.load.StackClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Operations under faults (issue 12), on the running test stack: the purchase meters after a burst,
 * PostgreSQL restarted mid-burst, then two edges and two processors: a frozen processor
 * ({@code kill -STOP}) seen through the lag report, and a processor killed ({@code kill -9}) in the
 * middle of a burst through both edges. The stack is put back to its instance counts afterwards.
 */
@Order(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsSystemTest {

    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final int PARTITIONS = com.flashsale.contracts.Topics.PURCHASE_REQUEST_PARTITIONS;

    private final Platform platform = new Platform();
    private final LocalStack stack = platform.stack();
    private final Instances instances = new Instances(stack);

    /** The instance counts before this class scaled the stack out (restored after it); 0 while not scaled. */
    private int edgesBefore;

    private int processorsBefore;

    @Test
    @Order(1)
    void thePurchaseMetersOfEdgeAndProcessorCountABurst() throws Exception {
        String admin = platform.login("admin", "Satu123");
        String saleId = platform.openSale(admin, 50);
        int partition = Instances.partitionOf(saleId);
        Shoppers shoppers = Shoppers.seed(platform, admin, 200);
        int processors = stack.settings().processors();
        Prometheus edgeBefore = instances.prometheus(Kind.EDGE, 1);
        List<Prometheus> ordersBefore = scrapeProcessors(processors);

        Shoppers.Answers answers = shoppers.burst(saleId, 1_000, 32, Duration.ofMinutes(2));
        System.out.println("metrics burst answers: " + answers);
        assertThat(answers.failures.get()).isZero();
        assertThat(answers.accepted).hasSizeGreaterThanOrEqualTo(50);
        InvariantVerdict verdict = platform.verdict();
        UUID sale = UUID.fromString(saleId);
        await().atMost(SETTLE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> verdict.decided(sale, answers.accepted) == answers.accepted.size());
        int accepted = answers.accepted.size();

        // edge-api: answers by status and reason, the 202's latency histogram, the producer and SSE meters.
        Prometheus edge = instances.prometheus(Kind.EDGE, 1);
        String answersTotal = "flashsale_edge_purchase_answers_total";
        assertThat(delta(edge, edgeBefore, answersTotal, Map.of("status", "202", "reason", "QUEUED")))
                .as("202 QUEUED answers")
                .isGreaterThanOrEqualTo(accepted);
        answers.refusals.forEach(
                (reason, count) -> assertThat(delta(edge, edgeBefore, answersTotal, Map.of("reason", reason)))
                        .as("answers refused with " + reason)
                        .isGreaterThanOrEqualTo(count.get()));
        assertThat(delta(edge, edgeBefore, "flashsale_edge_purchase_accepted_seconds_count", Map.of()))
                .as("202 latencies recorded")
                .isGreaterThanOrEqualTo(accepted);
        assertThat(edge.has("flashsale_edge_purchase_accepted_seconds_bucket"))
                .as("the 202 latency is a histogram")
                .isTrue();
        assertThat(edge.has("flashsale_edge_producer_errors_total")).isTrue();
        assertThat(edge.has("flashsale_edge_sse_connections")).isTrue();
        System.out.println("edge-api meters after the burst: 202 QUEUED "
                + edge.sum(answersTotal, Map.of("status", "202", "reason", "QUEUED")) + ", refusals "
                + edge.samples(answersTotal).stream()
                        .filter(s -> s.value() > 0 && !s.labels().get("status").equals("202"))
                        .map(s -> s.labels().get("reason") + "=" + s.value())
                        .collect(Collectors.joining(", ")));

        // order-processor: decisions by reason, batch size, apply and commit latency, outcomes, per-partition lag.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<Prometheus> orders = scrapeProcessors(processors);
                    assertThat(delta(orders, ordersBefore, "flashsale_orders_decisions_total", Map.of()))
                            .as("requests decided")
                            .isGreaterThanOrEqualTo(accepted);
                    assertThat(delta(
                                    orders,
                                    ordersBefore,
                                    "flashsale_orders_decisions_total",
                                    Map.of("status", "CONFIRMED")))
                            .as("confirmations")
                            .isGreaterThanOrEqualTo(50);
                    assertThat(delta(orders, ordersBefore, "flashsale_orders_batch_size_records_sum", Map.of()))
                            .as("records in applied batches")
                            .isGreaterThanOrEqualTo(accepted);
                    assertThat(delta(orders, ordersBefore, "flashsale_orders_batch_apply_seconds_count", Map.of()))
                            .isPositive();
                    assertThat(delta(orders, ordersBefore, "flashsale_orders_batch_commit_seconds_count", Map.of()))
                            .isPositive();
                    assertThat(delta(orders, ordersBefore, "flashsale_orders_outcomes_published_total", Map.of()))
                            .as("outcomes published")
                            .isGreaterThanOrEqualTo(accepted);
                    Map<String, String> ofPartition = Map.of("partition", Integer.toString(partition));
                    for (int i = 0; i < orders.size(); i++) {
                        Prometheus one = orders.get(i);
                        assertThat(one.has("flashsale_orders_dead_letters_total"))
                                .isTrue();
                        // Every instance samples every partition: each one's gauge moved past the burst's records.
                        assertThat(delta(
                                        one,
                                        ordersBefore.get(i),
                                        "flashsale_orders_partition_applied_offset_records",
                                        ofPartition))
                                .as("applied offset of partition " + partition)
                                .isGreaterThanOrEqualTo(accepted);
                        assertThat(one.samples("flashsale_orders_partition_lag_records").stream()
                                        .filter(s -> s.labels().entrySet().containsAll(ofPartition.entrySet()))
                                        .map(Prometheus.Sample::value)
                                        .toList())
                                .as("lag of partition " + partition)
                                .containsExactly(0.0);
                        assertThat(one.has("flashsale_orders_partition_oldest_waiting_age_seconds"))
                                .isTrue();
                    }
                });
        Prometheus orders = instances.prometheus(Kind.ORDERS, 1);
        System.out.println("order-processor meters after the burst: decisions "
                + orders.samples("flashsale_orders_decisions_total").stream()
                        .filter(s -> s.value() > 0)
                        .map(s -> s.labels().get("status") + "/" + s.labels().get("reason") + "=" + s.value())
                        .collect(Collectors.joining(", "))
                + ", batches " + orders.sum("flashsale_orders_batch_size_records_count") + ", outcomes published "
                + orders.sum("flashsale_orders_outcomes_published_total"));
        assertThat(instances.prometheus(Kind.CATALOG, 1).sum("flashsale_catalog_logins_total"))
                .as("catalog-service counts logins")
                .isPositive();
    }

    @Test
    @Order(2)
    void aPostgresRestartMidBurstDropsReadinessWhichReturnsByItselfAndEveryInvariantHolds() throws Exception {
        String admin = platform.login("admin", "Satu123");
        String saleId = platform.openSale(admin, 200);
        Shoppers shoppers = Shoppers.seed(platform, admin, 2_000);
        int processors = stack.settings().processors();
        Shoppers.Answers answers = new Shoppers.Answers();

        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            try {
                shoppers.burst(saleId, 10_000, 64, Duration.ofMinutes(3), answers);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> answers.accepted.size() >= 50 || burst.isDone());
        assertThat(burst).as("the burst is still running when PostgreSQL goes").isNotDone();
        stack.kill("postgres");
        try {
            // The services notice by themselves: readiness (r2dbc) goes DOWN while the database is away.
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (int i = 1; i <= processors; i++) {
                    assertNotReadyForTheDatabase(Kind.ORDERS, i);
                }
                assertNotReadyForTheDatabase(Kind.CATALOG, 1);
                // The edge's readiness includes its database (r2dbc) as well; it shows no details (the public
                // entry), so only its status says so.
                assertThat(instances
                                .readiness(Kind.EDGE, 1, Duration.ofSeconds(15))
                                .map(Instances.Answer::status))
                        .as("edge-api readiness")
                        .hasValue(503);
            });
            System.out.println("readiness with PostgreSQL down: order-processor "
                    + instances
                            .readiness(Kind.ORDERS, 1)
                            .map(Instances.Answer::body)
                            .orElse("no answer")
                    + "; catalog-service "
                    + instances
                            .readiness(Kind.CATALOG, 1)
                            .map(Instances.Answer::body)
                            .orElse("no answer")
                    + "; edge-api "
                    + instances
                            .readiness(Kind.EDGE, 1)
                            .map(a -> a.status() + " " + a.body())
                            .orElse("no answer"));
        } finally {
            stack.up("postgres");
        }
        // Nobody restarts the services: their readiness comes back once the database does.
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (int i = 1; i <= processors; i++) {
                assertThat(instances.ready(Kind.ORDERS, i))
                        .as("order-processor " + i + " ready")
                        .isTrue();
            }
            assertThat(instances.ready(Kind.CATALOG, 1))
                    .as("catalog-service ready")
                    .isTrue();
            assertThat(instances.ready(Kind.EDGE, 1)).as("edge-api ready").isTrue();
        });
        burst.get();
        System.out.println("PostgreSQL restart burst answers: " + answers);

        assertThat(answers.failures.get()).isZero();
        assertThat(answers.accepted).hasSizeGreaterThan(200);
        UUID sale = UUID.fromString(saleId);
        InvariantVerdict verdict =
                platform.settledVerdict("verdict after a PostgreSQL restart", sale, answers.accepted, answers.unknown);
        assertThat(verdict.confirmed(sale)).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aFrozenProcessorsPartitionShowsGrowingLagThenStalledAndDrainsOnceItResumes() throws Exception {
        scaleOut();
        String admin = platform.login("admin", "Satu123");
        String saleId = platform.openSale(admin, 100);
        int partition = Instances.partitionOf(saleId);
        int frozen = ownerOf(partition);
        int watcher = 3 - frozen;
        Shoppers shoppers = Shoppers.seed(platform, admin, 5);
        Platform second = new Platform(instances.url(Kind.EDGE, 2));
        // edge-api-2 was started with both processors to ask for the lag; the first edge with the stack's at its start.
        Supplier<Optional<JsonNode>> edgeReport = () -> {
            Reply reply = second.get("/api/admin/ops/lag", admin);
            return reply.status() == 200 ? Optional.of(reply.json()) : Optional.empty();
        };
        System.out.println("sale " + saleId + " is on partition " + partition + ", owned by order-processor " + frozen
                + ": freezing it (kill -STOP), order-processor " + watcher + " keeps sampling");

        List<UUID> accepted = new ArrayList<>();
        AtomicReference<JsonNode> stalledRow = new AtomicReference<>();
        long pid = instances.pid(Kind.ORDERS, frozen);
        Instances.signal(pid, "STOP");
        try {
            for (String shopper : shoppers.tokens()) {
                // The edge and Kafka do not need the processor: the purchase is queued.
                Reply reply = platform.post("/api/sales/" + saleId + "/purchases", shopper, null, Map.of());
                assertThat(reply.status()).as(reply.body()).isEqualTo(202);
                accepted.add(UUID.fromString(reply.json().get("requestId").asString()));
            }
            // Every instance samples every partition: the watcher reports the frozen one's partition.
            JsonNode waiting = awaitRow(
                    edgeReport,
                    partition,
                    row -> row.get("lag").asLong() >= accepted.size()
                            && !row.get("oldestWaitingAgeMs").isNull(),
                    Duration.ofSeconds(60));
            long age = waiting.get("oldestWaitingAgeMs").asLong();
            JsonNode older = awaitRow(
                    edgeReport,
                    partition,
                    row -> !row.get("oldestWaitingAgeMs").isNull()
                            && row.get("oldestWaitingAgeMs").asLong() > age,
                    Duration.ofSeconds(60));
            System.out.println("frozen: lag " + older.get("lag") + ", oldest waiting " + age + " ms, then "
                    + older.get("oldestWaitingAgeMs") + " ms");
            // ProgressRule: a full window of samples with requests waiting and the applied offset unmoved, and
            // an owner (the frozen member is still in the group until its session times out): STALLED.
            JsonNode stalled = awaitRow(
                    edgeReport,
                    partition,
                    row -> "STALLED".equals(row.get("status").asString()),
                    SETTLE);
            stalledRow.set(stalled);
            assertThat(stalled.get("owner").isNull())
                    .as("still owned by the frozen member")
                    .isFalse();
            assertThat(stalled.get("lag").asLong()).isGreaterThanOrEqualTo(accepted.size());
            System.out.println("edge-api-2 /api/admin/ops/lag, partition " + partition + ": " + stalled);

            // Readiness: the frozen process cannot answer its probe (a probe's timeout is a failure); the watcher
            // owns no stalled partition and stays ready.
            assertThat(instances.readiness(Kind.ORDERS, frozen))
                    .as("a frozen order-processor answers no probe")
                    .isEmpty();
            assertThat(instances.ready(Kind.ORDERS, watcher))
                    .as("the watcher is ready")
                    .isTrue();
            // The first edge asks the processors the stack had when it started: with only the frozen one among
            // them, it says so (503 ORDERS_UNAVAILABLE) rather than wait; with the watcher among them, it reports.
            Reply first = platform.get("/api/admin/ops/lag", admin);
            System.out.println("edge-api /api/admin/ops/lag while order-processor " + frozen + " is frozen: "
                    + first.status() + " " + (first.status() == 200 ? "(the watcher's report)" : first.body()));
            if (frozen == 1 && processorsBefore == 1) {
                assertThat(first.status()).isEqualTo(503);
                assertThat(first.reason()).hasValue("ORDERS_UNAVAILABLE");
            } else {
                assertThat(first.status()).isEqualTo(200);
            }
        } finally {
            Instances.signal(pid, "CONT");
        }
        Instant resumed = Instant.now();

        // A resumed processor first answers the report it sampled before it froze: wait for one sampled since, with
        // the applied offset past every request that was waiting.
        long waitingEnd = stalledRow.get().get("endOffset").asLong();
        JsonNode drained = awaitRow(
                () -> edgeReport
                        .get()
                        .filter(report -> Instant.parse(report.get("sampledAt").asString())
                                .isAfter(resumed)),
                partition,
                row -> row.get("lag").asLong() == 0
                        && row.get("appliedOffset").asLong() >= waitingEnd
                        && "OK".equals(row.get("status").asString()),
                SETTLE);
        assertThat(drained.get("oldestWaitingAgeMs").isNull()).isTrue();
        await().atMost(SETTLE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> instances.ready(Kind.ORDERS, frozen) && instances.ready(Kind.ORDERS, watcher));
        System.out.println(
                "resumed: partition " + partition + " " + drained + "; readiness of order-processor " + frozen + ": "
                        + instances
                                .readiness(Kind.ORDERS, frozen)
                                .map(Instances.Answer::body)
                                .orElse("-"));

        UUID sale = UUID.fromString(saleId);
        InvariantVerdict verdict =
                platform.settledVerdict("verdict after kill -STOP / -CONT", sale, accepted, List.of());
        assertThat(verdict.confirmed(sale)).isEqualTo(accepted.size());
    }

    @Test
    @Order(4)
    void twoEdgesAndTwoProcessorsLoseNothingWhenTheSalesProcessorIsKilledMidBurst() throws Exception {
        scaleOut();
        String admin = platform.login("admin", "Satu123");
        // Enough units and requests that both bursts still run when the processor is killed (refusals are fast now).
        int stock = 1_000;
        String saleId = platform.openSale(admin, stock);
        int partition = Instances.partitionOf(saleId);
        int victim = ownerOf(partition);
        int survivor = 3 - victim;
        Set<Integer> moving = instances.ownedBy(victim).orElseThrow();
        JsonNode before = instances.lag(survivor).orElseThrow();
        Platform second = new Platform(instances.url(Kind.EDGE, 2));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> second.get("/api/sales/" + saleId, null).status() == 200);
        Shoppers all = Shoppers.seed(platform, admin, 3_000);
        Shoppers throughFirst = all.slice(platform, 0, 1_500);
        Shoppers throughSecond = all.slice(second, 1_500, 3_000);
        Shoppers.Answers first = new Shoppers.Answers();
        Shoppers.Answers other = new Shoppers.Answers();
        System.out.println("sale " + saleId + " on partition " + partition + "; order-processor " + victim + " owns "
                + moving + ", order-processor " + survivor + " the rest: killing order-processor " + victim
                + " mid-burst");

        CompletableFuture<Void> bursts = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> burst(throughFirst, saleId, first)),
                CompletableFuture.runAsync(() -> burst(throughSecond, saleId, other)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> (first.accepted.size() >= 20 && other.accepted.size() >= 20) || bursts.isDone());
        assertThat(bursts).as("both bursts still running at the kill").isNotDone();
        // Its own name (order-processor-1 for the first): the kind's name alone would kill both processors.
        stack.kill(Instances.component(Kind.ORDERS, victim).own());
        assertThat(stack.pid(Instances.component(Kind.ORDERS, survivor).name()))
                .as("order-processor " + survivor + " still runs after the kill of order-processor " + victim)
                .isPresent();
        bursts.get();
        System.out.println("answers through edge-api: " + first);
        System.out.println("answers through edge-api-2: " + other);
        assertThat(first.failures.get() + other.failures.get()).isZero();
        assertThat(first.accepted).as("202s through edge-api").isNotEmpty();
        assertThat(other.accepted).as("202s through edge-api-2").isNotEmpty();

        // The group drops the dead member (its session times out) and the survivor takes every partition.
        Set<Integer> everyPartition =
                IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toCollection(TreeSet::new));
        await().atMost(SETTLE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(instances.ownedBy(survivor)).hasValue(everyPartition));
        AtomicReference<JsonNode> caughtUp = new AtomicReference<>();
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode report = instances.lag(survivor).orElseThrow();
            assertThat(Instances.owners(report)).hasSize(PARTITIONS).doesNotContainNull();
            assertThat(report.get("totalLag").asLong()).isZero();
            caughtUp.set(report);
        });
        // The moved partitions are those whose owner left the group: the killed processor's.
        List<String> ownersBefore = Instances.owners(before);
        Set<String> ownersAfter = new HashSet<>(Instances.owners(caughtUp.get()));
        Set<Integer> moved = IntStream.range(0, PARTITIONS)
                .filter(p -> !ownersAfter.contains(ownersBefore.get(p)))
                .boxed()
                .collect(Collectors.toCollection(TreeSet::new));
        System.out.println("after the kill: order-processor " + survivor + " owns " + everyPartition
                + "; partitions whose owner left the group: " + moved + "; total lag "
                + caughtUp.get().get("totalLag"));
        assertThat(moved).containsAll(moving).contains(partition);

        Set<UUID> accepted = new HashSet<>(first.accepted);
        accepted.addAll(other.accepted);
        Set<UUID> unknown = new HashSet<>(first.unknown);
        unknown.addAll(other.unknown);
        assertThat(accepted).hasSizeGreaterThan(stock);
        UUID sale = UUID.fromString(saleId);
        InvariantVerdict verdict =
                platform.settledVerdict("verdict with two edges after kill -9 of a processor", sale, accepted, unknown);
        assertThat(verdict.confirmed(sale)).isEqualTo(stock);

        // One shopper, two edges: the same key through either is one request, decided once, seen through both.
        String small = platform.openSale(admin, 5);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> second.get("/api/sales/" + small, null).status() == 200);
        String shopper = Shoppers.seed(platform, admin, 1).token(0);
        String key = "two-edges-" + UUID.randomUUID();
        String path = "/api/sales/" + small + "/purchases";
        Reply viaSecond = second.post(path, shopper, null, Map.of("Idempotency-Key", key));
        assertThat(viaSecond.status()).as(viaSecond.body()).isEqualTo(202);
        String requestId = viaSecond.json().get("requestId").asString();
        Reply viaFirst = platform.post(path, shopper, null, Map.of("Idempotency-Key", key));
        assertThat(viaFirst.status()).as(viaFirst.body()).isIn(200, 202);
        assertThat(viaFirst.json().get("requestId").asString())
                .as("one request id through both edges")
                .isEqualTo(requestId);
        for (Platform edge : List.of(platform, second)) {
            await().atMost(SETTLE)
                    .untilAsserted(() -> assertThat(edge.get("/api/purchases/" + requestId, shopper)
                                    .json()
                                    .get("status")
                                    .asString())
                            .isEqualTo("CONFIRMED"));
        }
        assertThat(verdict.confirmed(UUID.fromString(small))).isEqualTo(1);
        System.out.println("one key through both edges: request " + requestId + ", confirmed, seen through both");

        // A shopper watching edge-api-2's stream hears the outcome of a purchase made through edge-api: every edge
        // reads every outcome and pushes it to its owner's streams there.
        String watcher = Shoppers.seed(platform, admin, 1).token(0);
        try (EventStream stream = EventStream.open(second, watcher)) {
            Reply bought = platform.post(path, watcher, null, Map.of());
            assertThat(bought.status()).as(bought.body()).isEqualTo(202);
            String boughtId = bought.json().get("requestId").asString();
            JsonNode outcome = await().atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> stream.dataOf("outcome", boughtId), Objects::nonNull);
            assertThat(outcome.get("status").asString()).isEqualTo("CONFIRMED");
            System.out.println("bought through edge-api, heard on edge-api-2's stream: " + outcome);
        }
        assertThat(verdict.confirmed(UUID.fromString(small))).isEqualTo(2);
    }

    /** Back to the instance counts the other tests and the browser tests expect, whatever happened above. */
    @AfterAll
    void putTheStackBack() {
        if (edgesBefore == 0) {
            return;
        }
        List<String> extra = new ArrayList<>();
        for (int i = edgesBefore + 1; i <= 2; i++) {
            extra.add(Instances.component(Kind.EDGE, i).name());
        }
        for (int i = processorsBefore + 1; i <= 2; i++) {
            extra.add(Instances.component(Kind.ORDERS, i).name());
        }
        try {
            if (!extra.isEmpty()) {
                stack.down(extra.toArray(String[]::new));
            }
        } finally {
            // Also starts again what a test killed, and makes the stack remember the counts it had.
            stack.up(
                    OptionalInt.of(edgesBefore),
                    OptionalInt.of(processorsBefore),
                    List.of(Kind.ORDERS.id(), Kind.EDGE.id()));
        }
    }

    /** Two edge-api and two order-processor instances at least, both processors owning partitions. */
    private void scaleOut() {
        if (edgesBefore == 0) {
            edgesBefore = stack.settings().edges();
            processorsBefore = stack.settings().processors();
        }
        OptionalInt edges = OptionalInt.of(Math.max(2, edgesBefore));
        OptionalInt processors = OptionalInt.of(Math.max(2, processorsBefore));
        List<String> services = List.of(Kind.ORDERS.id(), Kind.EDGE.id());
        try {
            stack.up(edges, processors, services);
        } catch (StackException slow) {
            // Two services starting at once on a shared 2-core machine may outlast the launcher's health bound;
            // it leaves them starting, and a second up waits for them again (or starts one that died).
            System.out.println("scaling out again after: " + slow.getMessage());
            stack.up(edges, processors, services);
        }
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<Integer> first = instances.ownedBy(1).orElse(Set.of());
            Set<Integer> second = instances.ownedBy(2).orElse(Set.of());
            assertThat(first).as("partitions of order-processor").isNotEmpty();
            assertThat(second).as("partitions of order-processor-2").isNotEmpty();
            Set<Integer> both = new TreeSet<>(first);
            both.addAll(second);
            assertThat(both).hasSize(first.size() + second.size()).hasSize(PARTITIONS);
        });
    }

    /** Which of the two processors owns the partition now (1 or 2). */
    private int ownerOf(int partition) {
        AtomicReference<Integer> owner = new AtomicReference<>();
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (int i = 1; i <= 2; i++) {
                if (instances.ownedBy(i).orElse(Set.of()).contains(partition)) {
                    owner.set(i);
                    return true;
                }
            }
            return false;
        });
        return owner.get();
    }

    private void assertNotReadyForTheDatabase(Kind kind, int instance) {
        Instances.Answer readiness = instances
                .readiness(kind, instance, Duration.ofSeconds(15))
                .orElseThrow(() -> new AssertionError(kind.id() + " " + instance + " did not answer"));
        assertThat(readiness.status())
                .as(kind.id() + " " + instance + " readiness")
                .isEqualTo(503);
        assertThat(readiness.status("/components/r2dbc/status")).isEqualTo("DOWN");
    }

    private static JsonNode awaitRow(
            Supplier<Optional<JsonNode>> report, int partition, Predicate<JsonNode> condition, Duration bound) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        await().atMost(bound)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> report.get()
                        .flatMap(r -> Instances.partition(r, partition))
                        .filter(condition)
                        .map(row -> {
                            seen.set(row);
                            return true;
                        })
                        .orElse(false));
        return seen.get();
    }

    private static void burst(Shoppers shoppers, String saleId, Shoppers.Answers answers) {
        try {
            shoppers.burst(saleId, 20_000, 64, Duration.ofMinutes(3), answers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Prometheus> scrapeProcessors(int processors) {
        List<Prometheus> scrapes = new ArrayList<>();
        for (int i = 1; i <= processors; i++) {
            scrapes.add(instances.prometheus(Kind.ORDERS, i));
        }
        return scrapes;
    }

    private static double delta(Prometheus after, Prometheus before, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static double delta(
            List<Prometheus> after, List<Prometheus> before, String name, Map<String, String> labels) {
        double sum = 0;
        for (int i = 0; i < after.size(); i++) {
            sum += delta(after.get(i), before.get(i), name, labels);
        }
        return sum;
    }
}
