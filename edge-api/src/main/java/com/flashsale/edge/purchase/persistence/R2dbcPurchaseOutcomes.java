package com.flashsale.edge.purchase.persistence;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads decided outcomes from order-processor's schema (read only): the durable answer to a poll. */
@Repository
public class R2dbcPurchaseOutcomes {

    private final DatabaseClient db;

    R2dbcPurchaseOutcomes(DatabaseClient db) {
        this.db = db;
    }

    private static final String SELECT =
            "SELECT request_id, sale_id, user_id, status, reason, accepted_at, decided_at FROM orders.purchase_outcomes";

    public Mono<PurchaseDecided> find(UUID requestId) {
        return db.sql(SELECT + " WHERE request_id = :id")
                .bind("id", requestId)
                .map(R2dbcPurchaseOutcomes::toOutcome)
                .one();
    }

    /** The shopper's latest outcomes, newest first: what a reconnecting stream replays. */
    public Flux<PurchaseDecided> latestFor(UUID userId, int limit) {
        return db.sql(SELECT + " WHERE user_id = :user ORDER BY decided_at DESC LIMIT :limit")
                .bind("user", userId)
                .bind("limit", limit)
                .map(R2dbcPurchaseOutcomes::toOutcome)
                .all();
    }

    private static PurchaseDecided toOutcome(io.r2dbc.spi.Readable row) {
        return new PurchaseDecided(
                PurchaseDecided.VERSION,
                row.get("request_id", UUID.class),
                row.get("sale_id", UUID.class),
                row.get("user_id", UUID.class),
                PurchaseStatus.valueOf(row.get("status", String.class)),
                row.get("reason", String.class) == null
                        ? null
                        : RejectionReason.valueOf(row.get("reason", String.class)),
                row.get("accepted_at", OffsetDateTime.class).toInstant(),
                row.get("decided_at", OffsetDateTime.class).toInstant());
    }
}
