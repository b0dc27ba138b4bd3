package com.flashsale.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.RestartableDatabase;
import com.flashsale.testing.TestInfrastructure;
import com.flashsale.testing.TestKafka;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What operators see of order-processor, against a real Kafka broker and a real PostgreSQL of its own
 * (so that the test can stop and restart it; embedded or containers: TestInfrastructure): the lag
 * report while nothing consumes, while the consumer is paused and after, the pipeline's meters, and
 * readiness.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "flashsale.orders.consumers=2",
            "flashsale.orders.lag.sample-every=PT0.2S",
            "flashsale.orders.lag.window=5",
            "logging.level.flashsale.purchase.events=DEBUG"
        })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
@TestKafka(
        partitions = 2,
        topics = {Topics.SALES, Topics.SALE_STATUS, Topics.PURCHASE_OUTCOMES, Topics.PURCHASE_REQUESTS},
        brokerProperties = {"group.initial.rebalance.delay.ms=0"})
class OperationsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    // Its own, so that a test can stop and start it: on either path (TestInfrastructure), a restart on the same
    // address with the same data, as the service sees one.
    private static final RestartableDatabase DATABASE = TestInfrastructure.ownDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @AfterAll
    static void closePostgres() {
        DATABASE.close();
    }

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private WebTestClient http;

    @Autowired
    void http(WebTestClient client) {
        // A scrape of a loaded shared machine may take more than the client's default 5 s.
        this.http = client.mutate().responseTimeout(WAIT).build();
    }

    @Test
    void reportsLagAndAGrowingOldestAgeWhileNothingConsumesThenDrainsToZero() throws Exception {
        SaleDefined sale = defineSale(100);
        awaitCaughtUp();
        var container = listeners.getListenerContainer("purchase-requests");
        container.stop();
        List<PurchaseRequested> waiting = new ArrayList<>();
        int partition;
        try {
            for (int i = 0; i < 5; i++) {
                waiting.add(request(sale));
            }
            partition = send(waiting);
            JsonNode first = awaitPartition(
                    partition,
                    p -> p.get("lag").asLong() == 5
                            && !p.get("oldestWaitingAgeMs").isNull());
            long age = first.get("oldestWaitingAgeMs").asLong();
            // Exact, from the record's timestamp: it grows while the request waits.
            awaitPartition(partition, p -> p.get("oldestWaitingAgeMs").asLong() > age);
            // Waiting, not moving, and nobody owns it (the consumer left the group).
            JsonNode stopped = awaitPartition(
                    partition, p -> "STOPPED".equals(p.get("status").asString()));
            assertThat(stopped.get("owner").isNull()).isTrue();
            assertThat(stopped.get("endOffset").asLong()
                            - stopped.get("appliedOffset").asLong())
                    .isEqualTo(5);
        } finally {
            container.start();
        }

        JsonNode drained = awaitPartition(
                partition,
                p -> p.get("lag").asLong() == 0 && "OK".equals(p.get("status").asString()));
        assertThat(drained.get("oldestWaitingAgeMs").isNull()).isTrue();
        await().atMost(WAIT)
                .until(() ->
                        !lagReport().at("/partitions/" + partition + "/owner").isNull());
        assertThat(lagReport().get("totalLag").asLong()).isZero();
        for (PurchaseRequested request : waiting) {
            assertThat(count("SELECT count(*) FROM orders.purchase_outcomes WHERE request_id = '" + request.requestId()
                            + "'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aPausedConsumerWithRequestsWaitingIsStalledAndNotReadyUntilItMovesAgain() throws Exception {
        SaleDefined sale = defineSale(100);
        awaitCaughtUp();
        awaitReadiness(200);
        var container = listeners.getListenerContainer("purchase-requests");
        // As kill -STOP does to a process: it keeps its partitions, but nothing moves.
        container.pause();
        int partition;
        try {
            await().atMost(WAIT).until(container::isContainerPaused);
            List<PurchaseRequested> waiting = List.of(request(sale), request(sale), request(sale));
            partition = send(waiting);
            JsonNode stalled = awaitPartition(
                    partition, p -> "STALLED".equals(p.get("status").asString()));
            assertThat(stalled.get("owner").isNull()).isFalse();
            assertThat(stalled.get("lag").asLong()).isEqualTo(3);
            awaitReadiness(503);
            // The instance names what it owns and what of it is stalled (several instances share one host).
            JsonNode details = readiness().at("/components/stalledPartitions/details");
            assertThat(ints(details.get("partitions")))
                    .contains(partition)
                    .hasSize(details.get("owned").asInt());
            assertThat(ints(details.get("stalled"))).containsExactly(partition);
        } finally {
            container.resume();
        }
        awaitPartition(
                partition,
                p -> p.get("lag").asLong() == 0 && "OK".equals(p.get("status").asString()));
        awaitReadiness(200);
    }

    @Test
    void showsThePipelinesMetersAtPrometheusWithoutIdsInTagsAndLogsEachDecisionWithItsIds(CapturedOutput output)
            throws Exception {
        SaleDefined sale = defineSale(1);
        PurchaseRequested first = request(sale);
        int partition = send(List.of(first, request(sale)));
        await().atMost(WAIT)
                .until(() ->
                        count("SELECT count(*) FROM orders.purchase_outcomes WHERE sale_id = '" + sale.saleId() + "'")
                                == 2);
        kafka.send(Topics.PURCHASE_REQUESTS, sale.saleId().toString(), "not a request")
                .get();

        await().atMost(WAIT).untilAsserted(() -> {
            String scrape = prometheus();
            assertThat(sample(scrape, "flashsale_orders_decisions_total{reason=\"NONE\",status=\"CONFIRMED\"}"))
                    .isPositive();
            assertThat(sample(scrape, "flashsale_orders_decisions_total{reason=\"SOLD_OUT\",status=\"REJECTED\"}"))
                    .isPositive();
            assertThat(sample(scrape, "flashsale_orders_batch_size_records_count"))
                    .isPositive();
            assertThat(sample(scrape, "flashsale_orders_batch_apply_seconds_count"))
                    .isPositive();
            assertThat(sample(scrape, "flashsale_orders_batch_commit_seconds_count"))
                    .isPositive();
            assertThat(sample(scrape, "flashsale_orders_outcomes_published_total"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(sample(scrape, "flashsale_orders_dead_letters_total")).isPositive();
            assertThat(sample(scrape, "flashsale_orders_partition_lag_records{partition=\"0\"}"))
                    .isZero();
            assertThat(sample(scrape, "flashsale_orders_partition_applied_offset_records{partition=\"1\"}"))
                    .isNotNegative();
            assertThat(scrape).contains("flashsale_orders_outcomes_resent_total");
            assertThat(scrape).doesNotContain(sale.saleId().toString());
        });
        // One line per decision, with the ids and partition to follow the request by.
        assertThat(output.getOut())
                .contains("event=purchase.decided requestId=" + first.requestId() + " saleId=" + sale.saleId()
                        + " partition=" + partition + " status=CONFIRMED");
    }

    @Test
    void isNotReadyWhileItsDatabaseIsDownAndReadyAgainOnceItIsBack() throws Exception {
        awaitReadiness(200);
        DATABASE.stop();
        try {
            awaitReadiness(503);
            http.get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.components.r2dbc.status")
                    .isEqualTo("DOWN");
            // Alive all the same: a restart would not bring the database back.
            http.get()
                    .uri("/actuator/health/liveness")
                    .exchange()
                    .expectStatus()
                    .isOk();
        } finally {
            DATABASE.start();
        }
        awaitReadiness(200);
        SaleDefined sale = defineSale(5);
        PurchaseRequested after = request(sale);
        send(List.of(after));
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM orders.purchase_outcomes WHERE request_id = '"
                                + after.requestId() + "'")
                        == 1);
    }

    // --- a small DSL over Kafka, HTTP and the database ---

    private void awaitReadiness(int status) {
        await().atMost(WAIT)
                .until(() -> http.get()
                                .uri("/actuator/health/readiness")
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == status);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> ints = new ArrayList<>();
        array.forEach(element -> ints.add(element.asInt()));
        return ints;
    }

    private JsonNode readiness() {
        var result = http.get().uri("/actuator/health/readiness").exchange().returnResult(String.class);
        return json.readTree(result.getResponseBody().blockFirst());
    }

    private void awaitCaughtUp() {
        await().atMost(WAIT).until(() -> {
            JsonNode report = lagReport();
            return report != null
                    && report.get("totalLag").asLong() == 0
                    && report.get("partitions").size() == 2;
        });
    }

    private JsonNode awaitPartition(int partition, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            JsonNode report = lagReport();
            if (report == null) {
                return false;
            }
            for (JsonNode p : report.get("partitions")) {
                if (p.get("partition").asInt() == partition && condition.test(p)) {
                    seen[0] = p;
                    return true;
                }
            }
            return false;
        });
        return seen[0];
    }

    private JsonNode lagReport() {
        var result = http.get().uri("/ops/lag").exchange().returnResult(String.class);
        if (result.getStatus().value() != 200) {
            return null;
        }
        return json.readTree(result.getResponseBody().blockFirst());
    }

    private String prometheus() {
        return http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static double sample(String scrape, String sample) {
        return scrape.lines()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample));
    }

    private SaleDefined defineSale(int stock) throws Exception {
        SaleDefined sale = new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Test product",
                new BigDecimal("10.00"),
                "EUR",
                stock,
                Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600),
                1,
                Instant.now());
        kafka.send(Topics.SALES, sale.saleId().toString(), json.writeValueAsString(sale))
                .get();
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM orders.sales WHERE sale_id = '" + sale.saleId() + "'") == 1);
        return sale;
    }

    private static PurchaseRequested request(SaleDefined sale) {
        return new PurchaseRequested(
                PurchaseRequested.VERSION, UUID.randomUUID(), sale.saleId(), UUID.randomUUID(), Instant.now());
    }

    /** Sends the requests of one sale (one partition, by its key); the partition they went to. */
    private int send(List<PurchaseRequested> requests) throws Exception {
        int partition = -1;
        for (PurchaseRequested r : requests) {
            partition = kafka.send(Topics.PURCHASE_REQUESTS, r.saleId().toString(), json.writeValueAsString(r))
                    .get()
                    .getRecordMetadata()
                    .partition();
        }
        return partition;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DATABASE.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
