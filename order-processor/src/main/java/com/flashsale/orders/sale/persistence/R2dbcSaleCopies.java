package com.flashsale.orders.sale.persistence;

import com.flashsale.contracts.SaleDefined;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** order-processor's own copy of each sale in {@code orders.sales}, kept from the sales topic. */
@Repository
public class R2dbcSaleCopies {

    private final DatabaseClient db;

    R2dbcSaleCopies(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Stores a sale definition if it is newer than the copy. A new sale starts with all its stock. A
     * changed stock moves the remaining units by the same amount, never below zero, and the stock
     * never falls below the units already taken (the catalog checks that too, with what it last
     * heard): a late change cannot undo an order or leave more orders than stock. A cancellation is
     * kept for good, with the moment this copy applied it.
     *
     * <p>Runs against the batch writer's row lock: while a batch holds the sale, this waits, and the
     * remaining units it moves are those the batch committed.
     */
    public Mono<Boolean> upsert(SaleDefined sale) {
        var spec = db.sql("INSERT INTO orders.sales (sale_id, stock, remaining, price, currency, starts_at, ends_at,"
                        + " definition_version, cancelled_at, cancel_applied_at)"
                        + " VALUES (:id, :stock, :stock, :price, :currency, :starts, :ends, :version,"
                        + " CAST(:cancelled AS timestamptz),"
                        + " CASE WHEN CAST(:cancelled AS timestamptz) IS NULL THEN NULL ELSE clock_timestamp() END)"
                        + " ON CONFLICT (sale_id) DO UPDATE SET"
                        + " remaining = GREATEST(0, sales.remaining + EXCLUDED.stock - sales.stock),"
                        + " stock = GREATEST(EXCLUDED.stock, sales.stock - sales.remaining),"
                        + " price = EXCLUDED.price, currency = EXCLUDED.currency,"
                        + " starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,"
                        + " definition_version = EXCLUDED.definition_version,"
                        + " cancelled_at = COALESCE(sales.cancelled_at, EXCLUDED.cancelled_at),"
                        // clock_timestamp(), not now(): read once the row lock is granted, after any batch that held
                        // it.
                        + " cancel_applied_at = CASE WHEN sales.cancelled_at IS NULL AND EXCLUDED.cancelled_at IS NOT NULL"
                        + " THEN clock_timestamp() ELSE sales.cancel_applied_at END,"
                        + " updated_at = now()"
                        // Versions only move forward: a re-delivered older definition changes nothing.
                        + " WHERE sales.definition_version < EXCLUDED.definition_version")
                .bind("id", sale.saleId())
                .bind("stock", sale.stock())
                .bind("price", sale.price())
                .bind("currency", sale.currency())
                .bind("starts", sale.startsAt().atOffset(ZoneOffset.UTC))
                .bind("ends", sale.endsAt().atOffset(ZoneOffset.UTC))
                .bind("version", sale.version());
        spec = sale.cancelledAt() == null
                ? spec.bindNull("cancelled", OffsetDateTime.class)
                : spec.bind("cancelled", sale.cancelledAt().atOffset(ZoneOffset.UTC));
        return spec.fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Every sale's stock and remaining units. */
    public Flux<StockLevel> stockLevels() {
        return db.sql("SELECT sale_id, stock, remaining FROM orders.sales")
                .map(row -> new StockLevel(
                        row.get("sale_id", UUID.class),
                        row.get("stock", Integer.class),
                        row.get("remaining", Integer.class)))
                .all();
    }

    /** One sale's stock and what is left of it. */
    public record StockLevel(UUID saleId, int stock, int remaining) {}
}
