package com.flashsale.orders.purchase.persistence;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.orders.purchase.ConfirmedOrders;
import com.flashsale.orders.purchase.Decision;
import com.flashsale.orders.purchase.PurchaseLedger.Buyer;
import com.flashsale.orders.purchase.SaleState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** {@link ConfirmedOrders} as {@code orders.orders}, unique per (sale, user). */
@Repository
class R2dbcConfirmedOrders implements ConfirmedOrders {

    private final DatabaseClient db;

    R2dbcConfirmedOrders(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Set<Buyer>> buyersAmong(Set<UUID> saleIds, Set<UUID> userIds) {
        return db.sql(
                        "SELECT sale_id, user_id FROM orders.orders WHERE sale_id = ANY(:sales) AND user_id = ANY(:users)")
                .bind("sales", saleIds.toArray(UUID[]::new))
                .bind("users", userIds.toArray(UUID[]::new))
                .map(row -> new Buyer(row.get("sale_id", UUID.class), row.get("user_id", UUID.class)))
                .all()
                .collect(HashSet::new, Set::add);
    }

    @Override
    public Mono<Void> add(List<Decision> confirmed, Map<UUID, SaleState> sales, Instant confirmedAt) {
        if (confirmed.isEmpty()) {
            return Mono.empty();
        }
        int n = confirmed.size();
        UUID[] requestIds = new UUID[n];
        UUID[] saleIds = new UUID[n];
        UUID[] userIds = new UUID[n];
        BigDecimal[] prices = new BigDecimal[n];
        String[] currencies = new String[n];
        OffsetDateTime[] acceptedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            PurchaseRequested r = confirmed.get(i).request();
            SaleState sale = sales.get(r.saleId());
            requestIds[i] = r.requestId();
            saleIds[i] = r.saleId();
            userIds[i] = r.userId();
            prices[i] = sale.price();
            currencies[i] = sale.currency();
            acceptedAt[i] = r.acceptedAt().atOffset(ZoneOffset.UTC);
        }
        return db.sql("INSERT INTO orders.orders (request_id, sale_id, user_id, price, currency, accepted_at,"
                        + " confirmed_at) SELECT r, s, u, p, c, a, :confirmedAt FROM unnest(CAST(:r AS uuid[]),"
                        + " CAST(:s AS uuid[]), CAST(:u AS uuid[]), CAST(:p AS numeric[]), CAST(:c AS text[]),"
                        + " CAST(:a AS timestamptz[])) AS t(r, s, u, p, c, a)")
                .bind("confirmedAt", confirmedAt.atOffset(ZoneOffset.UTC))
                .bind("r", requestIds)
                .bind("s", saleIds)
                .bind("u", userIds)
                .bind("p", prices)
                .bind("c", currencies)
                .bind("a", acceptedAt)
                .then();
    }
}
