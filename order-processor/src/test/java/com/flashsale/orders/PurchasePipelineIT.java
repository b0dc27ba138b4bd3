package com.flashsale.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestBroker;
import com.flashsale.testing.TestInfrastructure;
import com.flashsale.testing.TestKafka;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * order-processor against a real Kafka broker and a real PostgreSQL (embedded, or
 * containers where Docker runs: TestInfrastructure).
 */
@SpringBootTest(properties = "server.port=0")
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.SALE_STATUS, Topics.PURCHASE_OUTCOMES},
        brokerProperties = {"group.initial.rebalance.delay.ms=0"})
class PurchasePipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    TestBroker broker;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    com.flashsale.orders.purchase.messaging.BatchProgressPublisher progress;

    @Test
    void readsAndWritesInstantsWithTheContractsCodec() {
        assertThat(json.registeredModules())
                .extracting(module -> module.getRegistrationId().toString())
                .contains("flashsale-contracts");
    }

    @Test
    void confirmsFirstPurchaseAndRejectsSecondBySameUser() throws Exception {
        SaleDefined sale =
                defineSale(10, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        UUID user = UUID.randomUUID();
        PurchaseRequested first = request(sale, user, Instant.now());
        PurchaseRequested second = request(sale, user, Instant.now());

        send(first);
        send(second);

        awaitOutcomes(sale.saleId(), 2);
        assertThat(outcome(first.requestId())).isEqualTo("CONFIRMED");
        assertThat(outcome(second.requestId())).isEqualTo("REJECTED/ALREADY_PURCHASED");
        assertThat(remaining(sale.saleId())).isEqualTo(9);
        assertThat(scalar("SELECT price FROM orders.orders WHERE request_id = '" + first.requestId() + "'"))
                .isEqualTo("79.50");
    }

    @Test
    void keepsThePriceEachOrderWasSoldAtInTheHistoryViewWhenTheSalePriceChanges() throws Exception {
        SaleDefined sale =
                defineSale(10, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        PurchaseRequested early = request(sale, UUID.randomUUID(), Instant.now());
        send(early);
        awaitOutcomes(sale.saleId(), 1);

        SaleDefined cheaper = new SaleDefined(
                SaleDefined.VERSION,
                sale.saleId(),
                sale.productId(),
                sale.productName(),
                new BigDecimal("59.00"),
                sale.currency(),
                sale.stock(),
                sale.startsAt(),
                sale.endsAt(),
                sale.version() + 1,
                Instant.now());
        kafka.send(Topics.SALES, sale.saleId().toString(), json.writeValueAsString(cheaper))
                .get();
        await().atMost(WAIT)
                .until(() -> "59.00"
                        .equals(scalar("SELECT price FROM orders.sales WHERE sale_id = '" + sale.saleId() + "'")));
        PurchaseRequested late = request(sale, UUID.randomUUID(), Instant.now());
        PurchaseRequested again = request(sale, early.userId(), Instant.now());
        send(late);
        send(again);
        awaitOutcomes(sale.saleId(), 3);

        assertThat(history(early.requestId())).isEqualTo("CONFIRMED  79.50 EUR " + early.userId());
        assertThat(history(late.requestId())).isEqualTo("CONFIRMED  59.00 EUR " + late.userId());
        assertThat(history(again.requestId())).isEqualTo("REJECTED ALREADY_PURCHASED   " + early.userId());
    }

    @Test
    void grantsTheReaderRoleTheHistoryViewAndNoTable() throws Exception {
        SaleDefined sale =
                defineSale(10, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        PurchaseRequested request = request(sale, UUID.randomUUID(), Instant.now());
        send(request);
        awaitOutcomes(sale.saleId(), 1);

        try (Connection c = TestInfrastructure.database().connection();
                Statement s = c.createStatement()) {
            s.execute("SET ROLE orders_reader");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM orders.purchase_history_v1 WHERE request_id = '"
                    + request.requestId() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            for (String table : List.of("purchase_outcomes", "orders", "sales", "consumer_offsets")) {
                assertThatThrownBy(() -> s.executeQuery("SELECT 1 FROM orders." + table + " LIMIT 1"))
                        .as(table)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void neverSellsMoreThanStockUnderContention() throws Exception {
        SaleDefined sale =
                defineSale(5, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        List<PurchaseRequested> requests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            requests.add(request(sale, UUID.randomUUID(), Instant.now()));
        }
        requests.forEach(this::send);

        awaitOutcomes(sale.saleId(), 60);
        assertThat(count("SELECT count(*) FROM orders.orders WHERE sale_id = '" + sale.saleId() + "'"))
                .isEqualTo(5);
        assertThat(count("SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = '" + sale.saleId()
                        + "' AND reason = 'SOLD_OUT'"))
                .isEqualTo(55);
        assertThat(remaining(sale.saleId())).isZero();
        // The first five in queue order win: order is the design.
        for (int i = 0; i < 5; i++) {
            assertThat(outcome(requests.get(i).requestId())).isEqualTo("CONFIRMED");
        }
    }

    @Test
    void judgesTheWindowAtAcceptanceInclusiveStartExclusiveEnd() throws Exception {
        // Sale times have millisecond precision, as the catalog defines them.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);
        Instant end = start.plusSeconds(3540); // already over: applied late, judged at acceptance
        SaleDefined sale = defineSale(10, start, end);
        PurchaseRequested beforeStart = request(sale, UUID.randomUUID(), start.minusMillis(1));
        PurchaseRequested atStart = request(sale, UUID.randomUUID(), start);
        PurchaseRequested beforeEnd = request(sale, UUID.randomUUID(), end.minusMillis(1));
        PurchaseRequested atEnd = request(sale, UUID.randomUUID(), end);

        List.of(beforeStart, atStart, beforeEnd, atEnd).forEach(this::send);

        awaitOutcomes(sale.saleId(), 4);
        assertThat(outcome(beforeStart.requestId())).isEqualTo("REJECTED/SALE_NOT_ACTIVE");
        assertThat(outcome(atStart.requestId())).isEqualTo("CONFIRMED");
        assertThat(outcome(beforeEnd.requestId())).isEqualTo("CONFIRMED");
        assertThat(outcome(atEnd.requestId())).isEqualTo("REJECTED/SALE_NOT_ACTIVE");
    }

    @Test
    void skipsGarbageAndDuplicatesWithoutStallingThePartition() throws Exception {
        SaleDefined sale =
                defineSale(10, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        PurchaseRequested request = request(sale, UUID.randomUUID(), Instant.now());

        kafka.send(Topics.PURCHASE_REQUESTS, sale.saleId().toString(), "{not json")
                .get();
        kafka.send(Topics.PURCHASE_REQUESTS, sale.saleId().toString(), "{\"v\":1}")
                .get();
        send(request);
        send(request); // a duplicate delivery of the same request
        PurchaseRequested after = request(sale, UUID.randomUUID(), Instant.now());
        send(after);

        awaitOutcomes(sale.saleId(), 2);
        assertThat(outcome(request.requestId())).isEqualTo("CONFIRMED");
        assertThat(outcome(after.requestId())).isEqualTo("CONFIRMED");
        assertThat(remaining(sale.saleId())).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM orders.dead_letters WHERE record_key = convert_to('" + sale.saleId()
                        + "', 'UTF8')"))
                .isEqualTo(2);
    }

    @Test
    void deadLettersARecordWithANulByteAndTheSaleMovesOn() throws Exception {
        SaleDefined sale =
                defineSale(10, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        // Bytes PostgreSQL text refuses (U+0000), in the payload and in the key, both as raw bytes on the topic.
        String poison = "{\"v\":1,\"requestId\":\"\u0000\u0000\"}\u0000";
        String poisonKey = sale.saleId() + "\u0000";
        int partition = kafka.send(Topics.PURCHASE_REQUESTS, 0, poisonKey, poison)
                .get()
                .getRecordMetadata()
                .partition();
        PurchaseRequested after = request(sale, UUID.randomUUID(), Instant.now());
        kafka.send(Topics.PURCHASE_REQUESTS, partition, sale.saleId().toString(), json.writeValueAsString(after))
                .get();

        await().atMost(WAIT).until(() -> outcomeOrNull(after.requestId()) != null);
        assertThat(outcome(after.requestId())).isEqualTo("CONFIRMED");
        try (Connection c = TestInfrastructure.database().connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT payload, record_key, error FROM orders.dead_letters"
                        + " WHERE record_key = decode('"
                        + java.util.HexFormat.of()
                                .formatHex(poisonKey.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        + "', 'hex')")) {
            assertThat(rs.next()).as("the poison record is dead-lettered").isTrue();
            assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(poison);
            assertThat(new String(rs.getBytes(2), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(poisonKey);
            assertThat(rs.getString(3)).isNotBlank().doesNotContain("\u0000");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void waitsForTheSaleDefinitionInsteadOfRejecting() throws Exception {
        SaleDefined sale = sale(3, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        PurchaseRequested request = request(sale, UUID.randomUUID(), Instant.now());

        send(request);
        Thread.sleep(1500); // let the processor see the request first (this test is about order, not time)
        assertThat(count("SELECT count(*) FROM orders.purchase_outcomes WHERE request_id = '" + request.requestId()
                        + "'"))
                .isZero();
        kafka.send(Topics.SALES, sale.saleId().toString(), json.writeValueAsString(sale))
                .get();

        awaitOutcomes(sale.saleId(), 1);
        assertThat(outcome(request.requestId())).isEqualTo("CONFIRMED");
    }

    @Test
    void replayingThePartitionFromOffsetZeroChangesNothing() throws Exception {
        SaleDefined sale =
                defineSale(3, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        for (int i = 0; i < 10; i++) {
            send(request(sale, UUID.randomUUID(), Instant.now()));
        }
        awaitOutcomes(sale.saleId(), 10);
        String before = snapshot();

        var container = listeners.getListenerContainer("purchase-requests");
        container.stop();
        execute("UPDATE orders.consumer_offsets SET next_offset = 0");
        container.start();
        // A marker request behind the replayed ones: once it is decided, the replay is done.
        PurchaseRequested marker = request(sale, UUID.randomUUID(), Instant.now());
        send(marker);
        await().atMost(WAIT).until(() -> outcomeOrNull(marker.requestId()) != null);

        assertThat(outcome(marker.requestId())).isEqualTo("REJECTED/SOLD_OUT");
        String markerRow = "REJECTED/SOLD_OUT " + marker.requestId();
        assertThat(snapshot().replace("\n" + markerRow, "").replace(markerRow + "\n", ""))
                .isEqualTo(before);
    }

    @Test
    void publishesEveryOutcomeAfterItsCommit() throws Exception {
        SaleDefined sale =
                defineSale(1, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        try (KafkaConsumer<String, String> consumer = readerFromStart(Topics.PURCHASE_OUTCOMES)) {
            PurchaseRequested a = request(sale, UUID.randomUUID(), Instant.now());
            PurchaseRequested b = request(sale, UUID.randomUUID(), Instant.now());
            send(a);
            send(b);

            Set<UUID> seen = new HashSet<>();
            List<PurchaseDecided> decided = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    PurchaseDecided d = json.readValue(r.value(), PurchaseDecided.class);
                    if (d.saleId().equals(sale.saleId()) && seen.add(d.requestId())) {
                        decided.add(d);
                    }
                }
                return seen.size() == 2;
            });
            assertThat(decided).filteredOn(PurchaseDecided::confirmed).hasSize(1);
            assertThat(decided).allSatisfy(d -> assertThat(d.userId()).isIn(a.userId(), b.userId()));
        }
        // Once acknowledged, the partition's published offset passes both (stored without a batch behind them).
        long end = count(
                "SELECT max(source_offset) + 1 FROM orders.purchase_outcomes WHERE sale_id = '" + sale.saleId() + "'");
        int partition = (int) count(
                "SELECT max(source_partition) FROM orders.purchase_outcomes WHERE sale_id = '" + sale.saleId() + "'");
        await().atMost(WAIT).until(() -> publishedOffset(partition) >= end);
    }

    @Test
    void aNewSalesFirstStatusTellsHowFarItsPartitionIsAppliedBeforeAnyOfItsRequests() throws Exception {
        SaleDefined first =
                defineSale(5, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        List<PurchaseRequested> requests = requests(first, 3);
        requests.forEach(this::send);
        awaitOutcomes(first.saleId(), 3);
        int partition = (int) count(
                "SELECT max(source_partition) FROM orders.purchase_outcomes WHERE sale_id = '" + first.saleId() + "'");
        long applied = count("SELECT next_offset FROM orders.consumer_offsets WHERE partition = " + partition);
        int partitions = kafka.partitionsFor(Topics.PURCHASE_REQUESTS).size();

        // A sale whose requests will go to the same partition (Kafka's default partitioner on the sale id).
        SaleDefined next;
        do {
            next = sale(2, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        } while (Utils.toPositive(Utils.murmur2(next.saleId().toString().getBytes(StandardCharsets.UTF_8))) % partitions
                != partition);
        UUID nextId = next.saleId();
        try (KafkaConsumer<String, String> consumer = readerFromStart(Topics.SALE_STATUS)) {
            defineSale(next);
            List<SaleStatusChanged> statuses = new ArrayList<>();
            awaitStatus(consumer, nextId, statuses, status -> true);
            assertThat(statuses.get(0).partition()).isEqualTo(partition);
            assertThat(statuses.get(0).appliedOffset()).isEqualTo(applied).isPositive();
            assertThat(statuses.get(0).remaining()).isEqualTo(2);
        }
    }

    @Test
    void aStandingReadBeforeABatchAndSentAfterItNeverOutdatesTheBatchsStatus() throws Exception {
        SaleDefined sale =
                defineSale(1, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        try (KafkaConsumer<String, String> consumer = readerFromStart(Topics.SALE_STATUS)) {
            // A standing's read of the sale's levels begins here, before its only unit is sold ...
            Instant readAt = Instant.now();
            send(request(sale, UUID.randomUUID(), Instant.now()));
            awaitOutcomes(sale.saleId(), 1);
            List<SaleStatusChanged> statuses = new ArrayList<>();
            awaitStatus(consumer, sale.saleId(), statuses, s -> s.remaining() == 0);
            // ... and is sent only after the batch's status (a sale defined meanwhile publishes every standing).
            progress.publishStanding(sale.saleId(), 1, 1, readAt).block(WAIT);
            awaitStatus(
                    consumer,
                    sale.saleId(),
                    statuses,
                    s -> s.remaining() == 1 && !s.changedAt().isAfter(readAt));

            // The edge keeps the latest status by its time: the sold-out one.
            SaleStatusChanged latest = statuses.stream()
                    .reduce((a, b) -> b.changedAt().isBefore(a.changedAt()) ? a : b)
                    .orElseThrow();
            assertThat(latest.remaining()).as(statuses.toString()).isZero();
        }
    }

    /** A consumer of its own group on {@code topic}, reading from the start. */
    private KafkaConsumer<String, String> readerFromStart(String topic) {
        Map<String, Object> props =
                KafkaTestUtils.consumerProps(broker.bootstrapServers(), "reader-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private void awaitStatus(
            KafkaConsumer<String, String> consumer,
            UUID saleId,
            List<SaleStatusChanged> statuses,
            java.util.function.Predicate<SaleStatusChanged> wanted) {
        await().atMost(WAIT).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                SaleStatusChanged status = json.readValue(r.value(), SaleStatusChanged.class);
                if (status.saleId().equals(saleId)) {
                    statuses.add(status);
                }
            }
            return statuses.stream().anyMatch(wanted);
        });
    }

    @Test
    void publishesAgainWhatWasCommittedButNeverAcknowledged() throws Exception {
        SaleDefined sale =
                defineSale(5, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        PurchaseRequested a = request(sale, UUID.randomUUID(), Instant.now());
        PurchaseRequested b = request(sale, UUID.randomUUID(), Instant.now());
        send(a);
        send(b);
        awaitOutcomes(sale.saleId(), 2);
        int partition = partitionOf(a);
        long first = count(
                "SELECT min(source_offset) FROM orders.purchase_outcomes WHERE sale_id = '" + sale.saleId() + "'");
        await().atMost(WAIT).until(() -> publishedOffset(partition) > first + 1);

        var container = listeners.getListenerContainer("purchase-requests");
        container.stop();
        // As if the process had died after the batch's commit, before Kafka acknowledged its outcomes.
        execute("UPDATE orders.consumer_offsets SET published_offset = " + first + " WHERE partition = " + partition);
        Map<String, Object> props =
                KafkaTestUtils.consumerProps(broker.bootstrapServers(), "outcome-reader-" + UUID.randomUUID(), false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            var outcomePartitions = consumer.partitionsFor(Topics.PURCHASE_OUTCOMES).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(outcomePartitions);
            consumer.seekToEnd(outcomePartitions);
            outcomePartitions.forEach(consumer::position); // from here on: only what is sent after this

            container.start();

            Set<UUID> seen = new HashSet<>();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(json.readValue(r.value(), PurchaseDecided.class).requestId());
                }
                return seen.containsAll(Set.of(a.requestId(), b.requestId()));
            });
        }
        await().atMost(WAIT).until(() -> publishedOffset(partition) > first + 1);
        awaitOutcomes(sale.saleId(), 2); // sent again, never decided again
    }

    @Test
    void aRaisedStockSellsMoreAndALoweredStockSellsNoMoreThanIt() throws Exception {
        SaleDefined raised =
                defineSale(3, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        List<PurchaseRequested> first = requests(raised, 4);
        first.forEach(this::send);
        awaitOutcomes(raised.saleId(), 4);
        assertThat(outcome(first.get(3).requestId())).isEqualTo("REJECTED/SOLD_OUT");

        raised = redefine(raised.withStock(5, Instant.now()));
        assertThat(remaining(raised.saleId())).isEqualTo(2);
        requests(raised, 3).forEach(this::send);
        awaitOutcomes(raised.saleId(), 7);
        assertThat(confirmed(raised.saleId())).isEqualTo(5);
        assertThat(remaining(raised.saleId())).isZero();

        SaleDefined lowered =
                defineSale(10, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        requests(lowered, 4).forEach(this::send);
        awaitOutcomes(lowered.saleId(), 4);
        lowered = redefine(lowered.withStock(6, Instant.now()));
        assertThat(remaining(lowered.saleId())).isEqualTo(2);
        requests(lowered, 5).forEach(this::send);
        awaitOutcomes(lowered.saleId(), 9);
        assertThat(confirmed(lowered.saleId())).isEqualTo(6);

        // Below what is sold (the catalog's figure was late): the stock stays at the units taken.
        lowered = redefine(lowered.withStock(2, Instant.now()));
        assertThat(scalar("SELECT stock || '/' || remaining FROM orders.sales WHERE sale_id = '" + lowered.saleId()
                        + "'"))
                .isEqualTo("6/0");
        requests(lowered, 2).forEach(this::send);
        awaitOutcomes(lowered.saleId(), 11);
        assertThat(confirmed(lowered.saleId())).isEqualTo(6);
    }

    @Test
    void requestsQueuedBeforeACancellationAndAppliedAfterItAreRejectedSaleCancelled() throws Exception {
        SaleDefined sale =
                defineSale(10, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        requests(sale, 2).forEach(this::send);
        awaitOutcomes(sale.saleId(), 2);

        var container = listeners.getListenerContainer("purchase-requests");
        container.stop();
        List<PurchaseRequested> queued = requests(sale, 3);
        try {
            // Accepted inside the window, queued while the processor is away; the cancellation overtakes them.
            queued.forEach(this::send);
            redefine(sale.cancel(Instant.now()));
        } finally {
            container.start();
        }
        PurchaseRequested later = request(sale, UUID.randomUUID(), Instant.now());
        send(later);

        awaitOutcomes(sale.saleId(), 6);
        for (PurchaseRequested request : queued) {
            assertThat(outcome(request.requestId())).isEqualTo("REJECTED/SALE_CANCELLED");
        }
        assertThat(outcome(later.requestId())).isEqualTo("REJECTED/SALE_CANCELLED");
        assertThat(confirmed(sale.saleId())).isEqualTo(2);
        assertThat(remaining(sale.saleId())).isEqualTo(8);
        // A cancellation is for good: a later version without it (never sent by the catalog) does not revive the sale.
        redefine(sale.withStock(20, Instant.now()).withStock(20, Instant.now()));
        assertThat(scalar("SELECT cancelled_at IS NOT NULL FROM orders.sales WHERE sale_id = '" + sale.saleId() + "'"))
                .isEqualTo("t");
    }

    @Test
    void aBurstRacingTheCancellationKeepsEveryInvariant() throws Exception {
        Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        Instant end = start.plusSeconds(3600);
        SaleDefined sale = defineSale(1_500, start, end);
        List<UUID> shoppers = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            shoppers.add(UUID.randomUUID());
        }
        // 2,000 requests from 1,200 shoppers: many buy twice.
        List<PurchaseRequested> burst = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            burst.add(request(sale, shoppers.get(i % shoppers.size()), Instant.now()));
        }
        List<java.util.concurrent.CompletableFuture<?>> sent = new ArrayList<>();
        for (PurchaseRequested r : burst.subList(0, 400)) {
            sent.add(kafka.send(Topics.PURCHASE_REQUESTS, r.saleId().toString(), json.writeValueAsString(r)));
        }
        await().atMost(WAIT).until(() -> confirmed(sale.saleId()) > 0);

        // The rest of the burst and the cancellation race each other onto the processor.
        Thread cancellation = new Thread(() -> {
            try {
                kafka.send(Topics.SALES, sale.saleId().toString(), json.writeValueAsString(sale.cancel(Instant.now())))
                        .get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        cancellation.start();
        for (PurchaseRequested r : burst.subList(400, burst.size())) {
            sent.add(kafka.send(Topics.PURCHASE_REQUESTS, r.saleId().toString(), json.writeValueAsString(r)));
        }
        cancellation.join();
        java.util.concurrent.CompletableFuture.allOf(sent.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get();
        await().atMost(WAIT)
                .until(() -> "t"
                        .equals(scalar("SELECT cancelled_at IS NOT NULL FROM orders.sales WHERE sale_id = '"
                                + sale.saleId() + "'")));
        // And some that certainly come after it.
        List<PurchaseRequested> after = requests(sale, 20);
        after.forEach(this::send);
        awaitOutcomes(sale.saleId(), burst.size() + after.size());

        String id = "'" + sale.saleId() + "'";
        // Every request has exactly one outcome (the primary key makes "at most"; the count makes "exactly").
        assertThat(count("SELECT count(DISTINCT request_id) FROM orders.purchase_outcomes WHERE sale_id = " + id))
                .isEqualTo(burst.size() + after.size());
        // Never more than the stock, never below zero, and every unit accounted for.
        long orders = count("SELECT count(*) FROM orders.orders WHERE sale_id = " + id);
        assertThat(orders).isPositive().isLessThanOrEqualTo(1_500);
        assertThat(count("SELECT stock - remaining FROM orders.sales WHERE sale_id = " + id))
                .isEqualTo(orders);
        assertThat(count("SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = " + id
                        + " AND status = 'CONFIRMED'"))
                .isEqualTo(orders);
        // One per shopper.
        assertThat(count("SELECT count(DISTINCT user_id) FROM orders.orders WHERE sale_id = " + id))
                .isEqualTo(orders);
        // Nothing outside the window.
        assertThat(count("SELECT count(*) FROM orders.orders o JOIN orders.sales s USING (sale_id) WHERE o.sale_id = "
                        + id + " AND (o.accepted_at < s.starts_at OR o.accepted_at >= s.ends_at)"))
                .isZero();
        // No order confirmed once the cancellation was applied: neither later in time nor later in the queue.
        assertThat(count("SELECT count(*) FROM orders.orders o JOIN orders.sales s USING (sale_id) WHERE o.sale_id = "
                        + id + " AND o.confirmed_at >= s.cancel_applied_at"))
                .isZero();
        long firstCancelled = count("SELECT min(source_offset) FROM orders.purchase_outcomes WHERE sale_id = " + id
                + " AND reason = 'SALE_CANCELLED'");
        assertThat(count("SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = " + id + " AND source_offset > "
                        + firstCancelled + " AND reason IS DISTINCT FROM 'SALE_CANCELLED'"))
                .isZero();
        for (PurchaseRequested request : after) {
            assertThat(outcome(request.requestId())).isEqualTo("REJECTED/SALE_CANCELLED");
        }
    }

    private int partitionOf(PurchaseRequested request) throws SQLException {
        return (int) count("SELECT source_partition FROM orders.purchase_outcomes WHERE request_id = '"
                + request.requestId() + "'");
    }

    private long publishedOffset(int partition) throws SQLException {
        return count("SELECT published_offset FROM orders.consumer_offsets WHERE partition = " + partition);
    }

    // --- a small DSL over Kafka and the database ---

    private SaleDefined defineSale(int stock, Instant start, Instant end) throws Exception {
        return defineSale(sale(stock, start, end));
    }

    private SaleDefined defineSale(SaleDefined sale) throws Exception {
        kafka.send(Topics.SALES, sale.saleId().toString(), json.writeValueAsString(sale))
                .get();
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM orders.sales WHERE sale_id = '" + sale.saleId() + "'") == 1);
        return sale;
    }

    /** Publishes a new version of the sale and waits until the processor's copy holds it. */
    private SaleDefined redefine(SaleDefined next) throws Exception {
        kafka.send(Topics.SALES, next.saleId().toString(), json.writeValueAsString(next))
                .get();
        await().atMost(WAIT)
                .until(() ->
                        count("SELECT definition_version FROM orders.sales WHERE sale_id = '" + next.saleId() + "'")
                                == next.version());
        return next;
    }

    private static List<PurchaseRequested> requests(SaleDefined sale, int n) {
        List<PurchaseRequested> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(request(sale, UUID.randomUUID(), Instant.now()));
        }
        return requests;
    }

    private long confirmed(UUID saleId) throws SQLException {
        return count("SELECT count(*) FROM orders.orders WHERE sale_id = '" + saleId + "'");
    }

    private static SaleDefined sale(int stock, Instant start, Instant end) {
        return new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Test product",
                new BigDecimal("79.50"),
                "EUR",
                stock,
                start,
                end,
                1,
                Instant.now());
    }

    private static PurchaseRequested request(SaleDefined sale, UUID user, Instant acceptedAt) {
        return new PurchaseRequested(PurchaseRequested.VERSION, UUID.randomUUID(), sale.saleId(), user, acceptedAt);
    }

    private void send(PurchaseRequested request) {
        try {
            kafka.send(Topics.PURCHASE_REQUESTS, request.saleId().toString(), json.writeValueAsString(request))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitOutcomes(UUID saleId, int expected) throws SQLException {
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = '" + saleId + "'")
                        >= expected);
        assertThat(count("SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = '" + saleId + "'"))
                .isEqualTo(expected);
    }

    private String outcome(UUID requestId) throws SQLException {
        String outcome = outcomeOrNull(requestId);
        assertThat(outcome).as("outcome of " + requestId).isNotNull();
        return outcome;
    }

    private String outcomeOrNull(UUID requestId) throws SQLException {
        return scalar("SELECT status || COALESCE('/' || reason, '') FROM orders.purchase_outcomes WHERE request_id = '"
                + requestId + "'");
    }

    /** A request's row in the read contract: status, reason, price paid, currency, user. */
    private String history(UUID requestId) throws SQLException {
        return scalar("SELECT status || ' ' || COALESCE(reason, '') || ' ' || COALESCE(price_paid::text, '') || ' '"
                + " || COALESCE(currency, '') || ' ' || user_id FROM orders.purchase_history_v1 WHERE request_id = '"
                + requestId + "'");
    }

    private int remaining(UUID saleId) throws SQLException {
        return Integer.parseInt(scalar("SELECT remaining FROM orders.sales WHERE sale_id = '" + saleId + "'"));
    }

    private String snapshot() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = TestInfrastructure.database().connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT status || COALESCE('/' || reason, '') || ' ' || request_id"
                        + " FROM orders.purchase_outcomes ORDER BY request_id")) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        out.append(scalar("SELECT count(*) || '/' || COALESCE(sum(remaining), 0) FROM orders.sales"))
                .append(scalar("SELECT count(*) FROM orders.orders"));
        return out.toString();
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(scalar(sql));
    }

    private static String scalar(String sql) throws SQLException {
        try (Connection c = TestInfrastructure.database().connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = TestInfrastructure.database().connection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
