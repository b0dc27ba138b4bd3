package com.flashsale.catalog.sale.persistence;

import com.flashsale.catalog.sale.FlashSale;
import com.flashsale.catalog.sale.FlashSales;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Flash sales in {@code catalog.flash_sales}, joined with their product's name. */
@Repository
class R2dbcFlashSales implements FlashSales {

    private static final String SELECT = "SELECT s.id, s.product_id, p.name AS product_name, s.sale_price, s.currency,"
            + " s.stock, s.starts_at, s.ends_at, s.version"
            + " FROM catalog.flash_sales s JOIN catalog.products p ON p.id = s.product_id";

    private final DatabaseClient db;

    R2dbcFlashSales(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<FlashSale> add(FlashSale sale) {
        return db.sql(
                        "INSERT INTO catalog.flash_sales (id, product_id, sale_price, currency, stock, starts_at, ends_at)"
                                + " VALUES (:id, :product, :price, :currency, :stock, :starts, :ends) ON CONFLICT (id) DO NOTHING")
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
    public Flux<FlashSale> all() {
        return db.sql(SELECT + " ORDER BY s.starts_at, s.id")
                .map(R2dbcFlashSales::toSale)
                .all();
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
        return new FlashSale(
                row.get("id", UUID.class),
                row.get("product_id", UUID.class),
                row.get("product_name", String.class),
                row.get("sale_price", BigDecimal.class),
                row.get("currency", String.class).trim(),
                row.get("stock", Integer.class),
                row.get("starts_at", OffsetDateTime.class).toInstant(),
                row.get("ends_at", OffsetDateTime.class).toInstant(),
                row.get("version", Long.class));
    }
}
