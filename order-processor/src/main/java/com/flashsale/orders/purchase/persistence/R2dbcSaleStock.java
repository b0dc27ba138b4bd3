package com.flashsale.orders.purchase.persistence;

import com.flashsale.orders.purchase.SaleState;
import com.flashsale.orders.purchase.SaleStock;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * {@link SaleStock} over {@code orders.sales}: the rows the sale capability keeps from the sales
 * topic, of which a batch reads the terms and writes only {@code remaining}.
 */
@Repository
class R2dbcSaleStock implements SaleStock {

    private final DatabaseClient db;

    R2dbcSaleStock(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Map<UUID, SaleState>> lock(Set<UUID> saleIds) {
        // Locked in id order: the sale-definition listener updates these rows too, one at a time.
        // The lock also orders this batch against a change of the sale (stock, cancellation): a change
        // waits for the batch's commit, and a batch that waits for a change's commit reads the changed row.
        return db.sql("SELECT sale_id, stock, remaining, price, currency, starts_at, ends_at, cancelled_at"
                        + " FROM orders.sales"
                        + " WHERE sale_id = ANY(:ids) ORDER BY sale_id FOR UPDATE")
                .bind("ids", saleIds.toArray(UUID[]::new))
                .map(row -> new SaleState(
                        row.get("sale_id", UUID.class),
                        row.get("stock", Integer.class),
                        row.get("remaining", Integer.class),
                        row.get("price", BigDecimal.class),
                        row.get("currency", String.class).trim(),
                        row.get("starts_at", OffsetDateTime.class).toInstant(),
                        row.get("ends_at", OffsetDateTime.class).toInstant(),
                        row.get("cancelled_at", OffsetDateTime.class) != null))
                .all()
                .collectMap(SaleState::saleId, s -> s, LinkedHashMap::new);
    }

    @Override
    public Mono<Void> storeRemaining(Map<UUID, Integer> remaining) {
        UUID[] ids = remaining.keySet().toArray(UUID[]::new);
        Integer[] values = remaining.values().toArray(Integer[]::new);
        return db.sql("UPDATE orders.sales s SET remaining = t.remaining, updated_at = now()"
                        + " FROM unnest(CAST(:ids AS uuid[]), CAST(:remaining AS integer[])) AS t(sale_id, remaining)"
                        + " WHERE s.sale_id = t.sale_id AND s.remaining <> t.remaining")
                .bind("ids", ids)
                .bind("remaining", values)
                .then();
    }
}
