package com.flashsale.orders.purchase.persistence;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.orders.purchase.Decision;
import com.flashsale.orders.purchase.LedgerRows;
import com.flashsale.orders.purchase.PurchaseLedger.Buyer;
import com.flashsale.orders.purchase.SaleState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * {@link LedgerRows} over {@code orders.sales} (the rows the sale capability keeps from the sales
 * topic, of which a batch reads the terms and writes only {@code remaining}), {@code
 * orders.purchase_outcomes} (keyed by request id) and {@code orders.orders} (unique per sale and
 * shopper). One statement reads, one data-modifying statement writes, each set-based (unnest).
 */
@Repository
class R2dbcLedgerRows implements LedgerRows {

    /*
     * One row per sale (S), per request already decided (D) and per pair already holding an order (B).
     * The sales are locked in id order: the sale-definition listener updates these rows too, one at a
     * time, and the lock orders this batch against a change of the sale (stock, cancellation): a change
     * waits for the batch's commit, and a batch that waits for a change's commit reads the changed row.
     * The other two parts read the statement's snapshot, taken after the caller locked the partition's
     * offsets: only the partition's owner writes them, so nothing committed is missed.
     */
    private static final String LOAD = "WITH s AS (SELECT sale_id, stock, remaining, price, currency, starts_at,"
            + " ends_at, cancelled_at FROM orders.sales WHERE sale_id = ANY(:sales) ORDER BY sale_id FOR UPDATE)"
            + " SELECT 'S' AS kind, sale_id AS id, CAST(NULL AS uuid) AS user_id, stock, remaining, price, currency,"
            + " starts_at, ends_at, cancelled_at FROM s"
            + " UNION ALL SELECT 'D', request_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
            + " FROM orders.purchase_outcomes WHERE request_id = ANY(:requests)"
            + " UNION ALL SELECT 'B', sale_id, user_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
            + " FROM orders.orders WHERE sale_id = ANY(:sales) AND user_id = ANY(:users)";

    /* Outcomes, orders and remaining units in one statement; the orders' key on the outcomes is checked at its end. */
    private static final String STORE = "WITH outcomes AS (INSERT INTO orders.purchase_outcomes (request_id,"
            + " sale_id, user_id, status, reason, accepted_at, decided_at, source_partition, source_offset)"
            + " SELECT r, s, u, st, re, a, :decidedAt, :partition, o FROM unnest(CAST(:r AS uuid[]),"
            + " CAST(:s AS uuid[]), CAST(:u AS uuid[]), CAST(:st AS text[]), CAST(:re AS text[]),"
            + " CAST(:a AS timestamptz[]), CAST(:o AS bigint[])) AS t(r, s, u, st, re, a, o)),"
            + " confirmed AS (INSERT INTO orders.orders (request_id, sale_id, user_id, price, currency, accepted_at,"
            + " confirmed_at) SELECT r, s, u, p, c, a, :decidedAt FROM unnest(CAST(:cr AS uuid[]),"
            + " CAST(:cs AS uuid[]), CAST(:cu AS uuid[]), CAST(:cp AS numeric[]), CAST(:cc AS text[]),"
            + " CAST(:ca AS timestamptz[])) AS t(r, s, u, p, c, a))"
            + " UPDATE orders.sales s SET remaining = t.remaining, updated_at = now()"
            + " FROM unnest(CAST(:ids AS uuid[]), CAST(:remaining AS integer[])) AS t(sale_id, remaining)"
            + " WHERE s.sale_id = t.sale_id AND s.remaining <> t.remaining";

    private final DatabaseClient db;

    R2dbcLedgerRows(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Loaded> load(Set<UUID> saleIds, Set<UUID> requestIds, Set<UUID> userIds) {
        Map<UUID, SaleState> sales = new LinkedHashMap<>();
        Set<UUID> decided = new HashSet<>();
        Set<Buyer> buyers = new HashSet<>();
        return db.sql(LOAD)
                .bind("sales", saleIds.toArray(UUID[]::new))
                .bind("requests", requestIds.toArray(UUID[]::new))
                .bind("users", userIds.toArray(UUID[]::new))
                .map(row -> {
                    UUID id = row.get("id", UUID.class);
                    String kind = row.get("kind", String.class);
                    if ("S".equals(kind)) {
                        sales.put(
                                id,
                                new SaleState(
                                        id,
                                        row.get("stock", Integer.class),
                                        row.get("remaining", Integer.class),
                                        row.get("price", BigDecimal.class),
                                        row.get("currency", String.class).trim(),
                                        row.get("starts_at", OffsetDateTime.class)
                                                .toInstant(),
                                        row.get("ends_at", OffsetDateTime.class).toInstant(),
                                        row.get("cancelled_at", OffsetDateTime.class) != null));
                    } else if ("D".equals(kind)) {
                        decided.add(id);
                    } else {
                        buyers.add(new Buyer(id, row.get("user_id", UUID.class)));
                    }
                    return kind;
                })
                .all()
                .then(Mono.fromSupplier(() -> new Loaded(sales, decided, buyers)));
    }

    @Override
    public Mono<Void> store(
            int partition,
            List<Decision> decisions,
            Map<UUID, SaleState> sales,
            Map<UUID, Integer> remaining,
            Instant decidedAt) {
        int n = decisions.size();
        UUID[] requestIds = new UUID[n];
        UUID[] saleIds = new UUID[n];
        UUID[] userIds = new UUID[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        OffsetDateTime[] acceptedAt = new OffsetDateTime[n];
        Long[] offsets = new Long[n];
        List<Decision> confirmed =
                decisions.stream().filter(Decision::confirmed).toList();
        int c = confirmed.size();
        UUID[] orderIds = new UUID[c];
        UUID[] orderSales = new UUID[c];
        UUID[] orderUsers = new UUID[c];
        BigDecimal[] prices = new BigDecimal[c];
        String[] currencies = new String[c];
        OffsetDateTime[] orderAccepted = new OffsetDateTime[c];
        for (int i = 0; i < n; i++) {
            Decision d = decisions.get(i);
            PurchaseRequested r = d.request();
            requestIds[i] = r.requestId();
            saleIds[i] = r.saleId();
            userIds[i] = r.userId();
            statuses[i] = d.confirmed() ? PurchaseStatus.CONFIRMED.name() : PurchaseStatus.REJECTED.name();
            reasons[i] = d.confirmed() ? null : d.reason().name();
            acceptedAt[i] = r.acceptedAt().atOffset(ZoneOffset.UTC);
            offsets[i] = d.offset();
        }
        for (int i = 0; i < c; i++) {
            PurchaseRequested r = confirmed.get(i).request();
            SaleState sale = sales.get(r.saleId());
            orderIds[i] = r.requestId();
            orderSales[i] = r.saleId();
            orderUsers[i] = r.userId();
            prices[i] = sale.price();
            currencies[i] = sale.currency();
            orderAccepted[i] = r.acceptedAt().atOffset(ZoneOffset.UTC);
        }
        return db.sql(STORE)
                .bind("decidedAt", decidedAt.atOffset(ZoneOffset.UTC))
                .bind("partition", partition)
                .bind("r", requestIds)
                .bind("s", saleIds)
                .bind("u", userIds)
                .bind("st", statuses)
                .bind("re", reasons)
                .bind("a", acceptedAt)
                .bind("o", offsets)
                .bind("cr", orderIds)
                .bind("cs", orderSales)
                .bind("cu", orderUsers)
                .bind("cp", prices)
                .bind("cc", currencies)
                .bind("ca", orderAccepted)
                .bind("ids", remaining.keySet().toArray(UUID[]::new))
                .bind("remaining", remaining.values().toArray(Integer[]::new))
                .then();
    }
}
