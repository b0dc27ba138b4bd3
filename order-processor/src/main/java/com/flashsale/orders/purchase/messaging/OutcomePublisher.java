package com.flashsale.orders.purchase.messaging;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.Topics;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outcomes to the outcomes topic and marks them published once Kafka
 * acknowledged them. Outcomes left unmarked (the process died, or Kafka was away) are found and
 * re-published by a sweep: every outcome reaches Kafka at least once after its commit.
 */
@Component
class OutcomePublisher {

    private static final Logger log = LoggerFactory.getLogger(OutcomePublisher.class);
    private static final Duration ACK_BOUND = Duration.ofSeconds(30);

    private final KafkaTemplate<String, String> kafka;
    private final DatabaseClient db;
    private final JsonMapper json;

    OutcomePublisher(KafkaTemplate<String, String> kafka, DatabaseClient db, JsonMapper json) {
        this.kafka = kafka;
        this.db = db;
        this.json = json;
    }

    /** Sends the outcomes, waits for the acknowledgements, then marks them; failures are left to the sweep. */
    void publish(List<PurchaseDecided> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            CompletableFuture<?>[] sends = outcomes.stream()
                    .map(o -> kafka.send(Topics.PURCHASE_OUTCOMES, o.userId().toString(), json.writeValueAsString(o)))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(sends).get(ACK_BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            UUID[] ids = outcomes.stream().map(PurchaseDecided::requestId).toArray(UUID[]::new);
            db.sql("UPDATE orders.purchase_outcomes SET published = true WHERE request_id = ANY(:ids)")
                    .bind("ids", ids)
                    .then()
                    .block(ACK_BOUND);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn(
                    "{} outcomes not published yet ({}); the sweep will re-publish them",
                    outcomes.size(),
                    e.toString());
        }
    }

    /** Re-publishes outcomes committed a while ago that Kafka never acknowledged. */
    @Scheduled(initialDelay = 2_000, fixedDelay = 2_000)
    void sweepUnpublished() {
        try {
            List<PurchaseDecided> pending = db.sql("SELECT request_id, sale_id, user_id, status, reason, accepted_at,"
                            + " decided_at FROM orders.purchase_outcomes WHERE NOT published"
                            + " AND decided_at < now() - interval '2 seconds' ORDER BY decided_at LIMIT 5000")
                    .map(row -> new PurchaseDecided(
                            PurchaseDecided.VERSION,
                            row.get("request_id", UUID.class),
                            row.get("sale_id", UUID.class),
                            row.get("user_id", UUID.class),
                            PurchaseStatus.valueOf(row.get("status", String.class)),
                            row.get("reason", String.class) == null
                                    ? null
                                    : RejectionReason.valueOf(row.get("reason", String.class)),
                            row.get("accepted_at", OffsetDateTime.class).toInstant(),
                            row.get("decided_at", OffsetDateTime.class).toInstant()))
                    .all()
                    .collectList()
                    .block(ACK_BOUND);
            if (pending != null && !pending.isEmpty()) {
                log.info("Re-publishing {} outcomes committed but not acknowledged", pending.size());
                publish(pending);
            }
        } catch (RuntimeException e) {
            log.warn("Outcome sweep failed ({}); next sweep retries", e.toString());
        }
    }
}
