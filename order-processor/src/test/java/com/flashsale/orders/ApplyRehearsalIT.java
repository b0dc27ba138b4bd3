package com.flashsale.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.contracts.Topics;
import com.flashsale.testing.RestartableDatabase;
import com.flashsale.testing.TestInfrastructure;
import com.flashsale.testing.TestKafka;
import com.flashsale.testing.TopicRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fresh order-processor rehearses the apply before it reports ready (docs/adr/0019): made-up
 * batches decide every kind of outcome through the batch's load, ledger and store, and nothing of it
 * lands: no sale, outcome, order or offset row, nothing on the outcomes or sale-status topics.
 */
@SpringBootTest(properties = {"flashsale.orders.consumers=1", "flashsale.orders.warmup.batches=30"})
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.SALE_STATUS, Topics.PURCHASE_OUTCOMES, Topics.PURCHASE_REQUESTS})
class ApplyRehearsalIT {

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
    HealthContributorRegistry health;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @SuppressWarnings("unchecked")
    void decidesEveryKindOfOutcomeAndLeavesNothingBehind() throws Exception {
        HealthIndicator rehearsal = (HealthIndicator) health.getContributor("applyRehearsal");
        Health done = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(rehearsal::health, h -> h.getStatus().equals(Status.UP));

        Map<String, Integer> decided = (Map<String, Integer>) done.getDetails().get("decided");
        assertThat(decided).containsKeys("CONFIRMED", "SOLD_OUT", "ALREADY_PURCHASED");

        for (String table :
                List.of("orders.sales", "orders.purchase_outcomes", "orders.orders", "orders.consumer_offsets")) {
            assertThat(count("SELECT count(*) FROM " + table)).as(table).isZero();
        }
        assertThat(recordsOn(Topics.PURCHASE_OUTCOMES)).isZero();
        assertThat(recordsOn(Topics.SALE_STATUS)).isZero();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DATABASE.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long recordsOn(String topic) {
        return TopicRecords.count(brokers, topic);
    }
}
