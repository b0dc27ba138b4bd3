package com.flashsale.edge.purchase.persistence;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.edge.purchase.PurchaseEntry;
import com.flashsale.edge.purchase.PurchaseTotals;
import com.flashsale.edge.purchase.SaleProgress;
import com.flashsale.orders.schema.StoredOutcome;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
            + " accepted_at, decided_at, order_id FROM " + VIEW;
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

    /**
     * A sale's decided requests for its progress, in one statement (one snapshot, one scan of the sale's
     * rows): requests per second of acceptance, confirmations and rejections per second of decision, all
     * from {@code from} on, and the totals of all time by status and reason.
     */
    public Mono<SaleProgress.Stored> progressOf(UUID saleId, Instant from) {
        return db.sql(PROGRESS)
                .bind("id", saleId)
                .bind("from", from.atOffset(ZoneOffset.UTC))
                .map(row -> new ProgressRow(
                        row.get("kind", String.class),
                        row.get("at", OffsetDateTime.class),
                        row.get("reason", String.class),
                        row.get("n", Long.class)))
                .all()
                .collectList()
                .map(R2dbcPurchaseHistory::toProgress);
    }

    private static final String PROGRESS =
            "WITH s AS MATERIALIZED (SELECT status, reason, accepted_at, decided_at FROM "
                    + VIEW + " WHERE sale_id = :id)"
                    + " SELECT 'accepted' AS kind, date_trunc('second', accepted_at) AS at, NULL::text AS reason, count(*) AS n"
                    + " FROM s WHERE accepted_at >= :from GROUP BY 2"
                    + " UNION ALL SELECT lower(status), date_trunc('second', decided_at), NULL::text, count(*)"
                    + " FROM s WHERE decided_at >= :from GROUP BY 1, 2"
                    + " UNION ALL SELECT 'total', NULL::timestamptz, reason, count(*) FROM s GROUP BY reason";

    private record ProgressRow(String kind, OffsetDateTime at, String reason, long n) {}

    private static SaleProgress.Stored toProgress(List<ProgressRow> rows) {
        Map<Instant, long[]> seconds = new TreeMap<>();
        long confirmed = 0;
        Map<String, Long> rejected = new TreeMap<>();
        for (ProgressRow row : rows) {
            switch (row.kind()) {
                case "total" -> {
                    // A confirmed request is the one without a reason (the table's CHECK).
                    if (row.reason() == null) {
                        confirmed += row.n();
                    } else {
                        rejected.merge(row.reason(), row.n(), Long::sum);
                    }
                }
                case "accepted" -> seconds.computeIfAbsent(row.at().toInstant(), at -> new long[3])[0] += row.n();
                case "confirmed" -> seconds.computeIfAbsent(row.at().toInstant(), at -> new long[3])[1] += row.n();
                case "rejected" -> seconds.computeIfAbsent(row.at().toInstant(), at -> new long[3])[2] += row.n();
                default -> {
                    // Another status (a newer order-processor): not a unit sold, not a refusal.
                }
            }
        }
        List<SaleProgress.Counts> counts = new ArrayList<>();
        seconds.forEach((at, n) -> counts.add(new SaleProgress.Counts(at, n[0], n[1], n[2])));
        return new SaleProgress.Stored(counts, confirmed, rejected);
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
                row.get("decided_at", OffsetDateTime.class).toInstant(),
                row.get("order_id", UUID.class));
    }
}
