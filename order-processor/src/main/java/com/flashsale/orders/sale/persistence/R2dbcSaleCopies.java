package com.flashsale.orders.sale.persistence;

import com.flashsale.contracts.SaleDefined;
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
     * Stores a sale definition if it is newer than the copy. A new sale starts with all its stock;
     * a changed stock moves the remaining units by the same amount, never below zero.
     */
    public Mono<Boolean> upsert(SaleDefined sale) {
        return db.sql("INSERT INTO orders.sales (sale_id, stock, remaining, price, currency, starts_at, ends_at,"
                        + " definition_version) VALUES (:id, :stock, :stock, :price, :currency, :starts, :ends, :version)"
                        + " ON CONFLICT (sale_id) DO UPDATE SET"
                        + " remaining = GREATEST(0, LEAST(EXCLUDED.stock, sales.remaining + EXCLUDED.stock - sales.stock)),"
                        + " stock = EXCLUDED.stock, price = EXCLUDED.price, currency = EXCLUDED.currency,"
                        + " starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,"
                        + " definition_version = EXCLUDED.definition_version, updated_at = now()"
                        // Versions only move forward: a re-delivered older definition changes nothing.
                        + " WHERE sales.definition_version < EXCLUDED.definition_version")
                .bind("id", sale.saleId())
                .bind("stock", sale.stock())
                .bind("price", sale.price())
                .bind("currency", sale.currency())
                .bind("starts", sale.startsAt().atOffset(ZoneOffset.UTC))
                .bind("ends", sale.endsAt().atOffset(ZoneOffset.UTC))
                .bind("version", sale.version())
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
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
