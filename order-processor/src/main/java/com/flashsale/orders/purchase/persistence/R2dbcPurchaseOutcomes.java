package com.flashsale.orders.purchase.persistence;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.orders.purchase.PurchaseOutcomes;
import com.flashsale.orders.schema.StoredOutcome;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** {@link PurchaseOutcomes} as {@code orders.purchase_outcomes}, whose primary key is the request id. */
@Repository
class R2dbcPurchaseOutcomes implements PurchaseOutcomes {

    private final DatabaseClient db;

    R2dbcPurchaseOutcomes(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Flux<PurchaseDecided> between(int partition, long from, long to) {
        return db.sql("SELECT " + StoredOutcome.COLUMNS + " FROM orders.purchase_outcomes"
                        + " WHERE source_partition = :partition AND source_offset >= :from AND source_offset < :to"
                        + " ORDER BY source_offset")
                .bind("partition", partition)
                .bind("from", from)
                .bind("to", to)
                .map(StoredOutcome::read)
                .all();
    }
}
