package com.flashsale.edge.purchase.persistence;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.edge.purchase.PurchaseEntry;
import com.flashsale.edge.purchase.PurchaseTotals;
import com.flashsale.orders.schema.StoredOutcome;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads decided purchase requests through order-processor's read contract, the view
 * {@code orders.purchase_history_v1} (docs/adr/0008), never its tables: the durable answer to polls,
 * stream replays and histories. The edge's database role may read nothing else.
 */
@Repository
public class R2dbcPurchaseHistory {

    private static final String VIEW = "orders.purchase_history_v1";
    private static final String SELECT = "SELECT request_id, sale_id, user_id, status, reason, price_paid, currency,"
            + " accepted_at, decided_at FROM " + VIEW;
    private static final String NEWEST_FIRST = " ORDER BY accepted_at DESC, request_id DESC";
    private static final String TOTALS =
            "SELECT status, reason, currency, count(*) AS n, sum(price_paid) AS amount FROM " + VIEW;

    private final DatabaseClient db;

    R2dbcPurchaseHistory(DatabaseClient db) {
        this.db = db;
    }

    /** A request's outcome, if decided. */
    public Mono<PurchaseDecided> find(UUID requestId) {
        return db.sql(SELECT + " WHERE request_id = :id")
                .bind("id", requestId)
                .map(StoredOutcome::read)
                .one();
    }

    /** The shopper's latest outcomes, newest decision first: what a reconnecting stream replays. */
    public Flux<PurchaseDecided> latestFor(UUID userId, int limit) {
        return db.sql(SELECT + " WHERE user_id = :user ORDER BY decided_at DESC LIMIT :limit")
                .bind("user", userId)
                .bind("limit", limit)
                .map(StoredOutcome::read)
                .all();
    }

    /** Which of these requests are decided already. */
    public Flux<UUID> decidedAmong(Collection<UUID> requestIds) {
        if (requestIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT request_id FROM " + VIEW + " WHERE request_id = ANY(:ids)")
                .bind("ids", requestIds.toArray(UUID[]::new))
                .map(row -> row.get("request_id", UUID.class))
                .all();
    }

    /** A shopper's decided requests, newest first. */
    public Flux<PurchaseEntry> ofUser(UUID userId, long offset, int limit) {
        return page("user_id", userId, offset, limit);
    }

    /** How many of the shopper's requests are decided. */
    public Mono<Long> countOfUser(UUID userId) {
        return db.sql("SELECT count(*) AS n FROM " + VIEW + " WHERE user_id = :id")
                .bind("id", userId)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** A sale's decided requests, newest first. */
    public Flux<PurchaseEntry> ofSale(UUID saleId, long offset, int limit) {
        return page("sale_id", saleId, offset, limit);
    }

    public Mono<PurchaseTotals> totalsOfUser(UUID userId) {
        return totals("user_id", userId);
    }

    public Mono<PurchaseTotals> totalsOfSale(UUID saleId) {
        return totals("sale_id", saleId);
    }

    // The column is one of this class's literals, never input.
    private Flux<PurchaseEntry> page(String column, UUID id, long offset, int limit) {
        if (limit <= 0) {
            return Flux.empty();
        }
        return db.sql(SELECT + " WHERE " + column + " = :id" + NEWEST_FIRST + " LIMIT :limit OFFSET :offset")
                .bind("id", id)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(R2dbcPurchaseHistory::toEntry)
                .all();
    }

    private Mono<PurchaseTotals> totals(String column, UUID id) {
        return db.sql(TOTALS + " WHERE " + column + " = :id GROUP BY status, reason, currency")
                .bind("id", id)
                .map(row -> new PurchaseTotals.Group(
                        row.get("status", String.class),
                        row.get("reason", String.class),
                        row.get("currency", String.class),
                        row.get("n", Long.class),
                        row.get("amount", BigDecimal.class)))
                .all()
                .collectList()
                .map(PurchaseTotals::of);
    }

    private static PurchaseEntry toEntry(Readable row) {
        return new PurchaseEntry(
                row.get("request_id", UUID.class),
                row.get("sale_id", UUID.class),
                row.get("user_id", UUID.class),
                PurchaseStatus.valueOf(row.get("status", String.class)),
                row.get("reason", String.class),
                row.get("price_paid", BigDecimal.class),
                row.get("currency", String.class),
                row.get("accepted_at", OffsetDateTime.class).toInstant(),
                row.get("decided_at", OffsetDateTime.class).toInstant());
    }
}
