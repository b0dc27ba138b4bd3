package com.flashsale.catalog.sale.persistence;

import com.flashsale.catalog.sale.FlashSale;
import com.flashsale.catalog.sale.FlashSales;
import com.flashsale.catalog.sale.SaleDraft;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Flash sales in {@code catalog.flash_sales}, joined with their product's name and list price. */
@Repository
class R2dbcFlashSales implements FlashSales {

    private static final String SELECT = "SELECT s.id, s.product_id, p.name AS product_name, p.list_price,"
            + " s.sale_price, s.currency, s.stock, s.units_sold, s.starts_at, s.ends_at, s.cancelled_at, s.version"
            + " FROM catalog.flash_sales s JOIN catalog.products p ON p.id = s.product_id";

    private final DatabaseClient db;

    R2dbcFlashSales(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<FlashSale> add(FlashSale sale) {
        return db.sql(
                        "INSERT INTO catalog.flash_sales (id, product_id, sale_price, currency, stock, starts_at, ends_at)"
                                + " SELECT :id, p.id, :price, :currency, :stock, :starts, :ends FROM catalog.products p"
                                + " WHERE p.id = :product AND p.deleted_at IS NULL ON CONFLICT (id) DO NOTHING")
                .bind("id", sale.id())
                .bind("product", sale.productId())
                .bind("price", sale.price())
                .bind("currency", sale.currency())
                .bind("stock", sale.stock())
                .bind("starts", sale.startsAt().atOffset(ZoneOffset.UTC))
                .bind("ends", sale.endsAt().atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .then(findById(sale.id()));
    }

    @Override
    public Mono<FlashSale> findById(UUID id) {
        return db.sql(SELECT + " WHERE s.id = :id")
                .bind("id", id)
                .map(R2dbcFlashSales::toSale)
                .one();
    }

    @Override
    public Mono<FlashSale> lockById(UUID id) {
        return db.sql(SELECT + " WHERE s.id = :id FOR UPDATE OF s")
                .bind("id", id)
                .map(R2dbcFlashSales::toSale)
                .one();
    }

    @Override
    public Flux<FlashSale> all() {
        return db.sql(SELECT + " ORDER BY s.starts_at, s.id")
                .map(R2dbcFlashSales::toSale)
                .all();
    }

    @Override
    public Mono<FlashSale> redefine(UUID id, SaleDraft draft, String currency) {
        // Every change is a new version: consumers keep the highest they saw; the outbox re-sends it.
        return db.sql("UPDATE catalog.flash_sales SET product_id = :product, sale_price = :price, currency = :currency,"
                        + " stock = :stock, starts_at = :starts, ends_at = :ends, version = version + 1,"
                        + " updated_at = now() WHERE id = :id")
                .bind("id", id)
                .bind("product", draft.productId())
                .bind("price", draft.price())
                .bind("currency", currency)
                .bind("stock", draft.stock())
                .bind("starts", draft.startsAt().atOffset(ZoneOffset.UTC))
                .bind("ends", draft.endsAt().atOffset(ZoneOffset.UTC))
                .then()
                .then(findById(id));
    }

    @Override
    public Mono<FlashSale> cancel(UUID id, Instant at) {
        return db.sql("UPDATE catalog.flash_sales SET cancelled_at = :at, version = version + 1, updated_at = now()"
                        + " WHERE id = :id AND cancelled_at IS NULL")
                .bind("id", id)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .then()
                .then(findById(id));
    }

    @Override
    public Mono<Void> recordUnitsSold(UUID id, int unitsSold, Instant reportedAt) {
        // Reports may arrive out of order (the processor sends them from several threads): the latest wins.
        // Not a new version: the sale's definition did not change.
        return db.sql("UPDATE catalog.flash_sales SET units_sold = :sold, units_sold_at = :at"
                        + " WHERE id = :id AND (units_sold_at IS NULL OR units_sold_at <= :at)")
                .bind("id", id)
                .bind("sold", unitsSold)
                .bind("at", reportedAt.atOffset(ZoneOffset.UTC))
                .then();
    }

    @Override
    public Flux<FlashSale> unpublished() {
        return db.sql(SELECT + " WHERE s.published_version < s.version ORDER BY s.updated_at LIMIT 500")
                .map(R2dbcFlashSales::toSale)
                .all();
    }

    @Override
    public Mono<Void> markPublished(UUID id, long version) {
        // GREATEST: an older acknowledgement arriving late never hides a newer unpublished version.
        return db.sql("UPDATE catalog.flash_sales SET published_version = GREATEST(published_version, :version)"
                        + " WHERE id = :id")
                .bind("id", id)
                .bind("version", version)
                .then();
    }

    private static FlashSale toSale(Readable row) {
        OffsetDateTime cancelled = row.get("cancelled_at", OffsetDateTime.class);
        return new FlashSale(
                row.get("id", UUID.class),
                row.get("product_id", UUID.class),
                row.get("product_name", String.class),
                row.get("list_price", BigDecimal.class),
                row.get("sale_price", BigDecimal.class),
                row.get("currency", String.class).trim(),
                row.get("stock", Integer.class),
                row.get("units_sold", Integer.class),
                row.get("starts_at", OffsetDateTime.class).toInstant(),
                row.get("ends_at", OffsetDateTime.class).toInstant(),
                cancelled == null ? null : cancelled.toInstant(),
                row.get("version", Long.class));
    }
}
