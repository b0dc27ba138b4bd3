package com.flashsale.catalog.product.persistence;

import com.flashsale.catalog.product.Product;
import com.flashsale.catalog.product.Products;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Products in {@code catalog.products}. */
@Repository
class R2dbcProducts implements Products {

    private static final String COLUMNS = "id, name, description, list_price, currency, created_at";

    private final DatabaseClient db;

    R2dbcProducts(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Flux<Product> page(int page, int size) {
        return db.sql("SELECT " + COLUMNS
                        + " FROM catalog.products ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(R2dbcProducts::toProduct)
                .all();
    }

    @Override
    public Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM catalog.products")
                .map(row -> row.get("n", Long.class))
                .one();
    }

    @Override
    public Mono<Product> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM catalog.products WHERE id = :id")
                .bind("id", id)
                .map(R2dbcProducts::toProduct)
                .one();
    }

    @Override
    public Mono<Product> add(Product product) {
        return db.sql("INSERT INTO catalog.products (id, name, description, list_price, currency)"
                        + " VALUES (:id, :name, :description, :price, :currency)"
                        + " ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS)
                .bind("id", product.id())
                .bind("name", product.name())
                .bind("description", product.description())
                .bind("price", product.listPrice())
                .bind("currency", product.currency())
                .map(R2dbcProducts::toProduct)
                .one();
    }

    private static Product toProduct(Readable row) {
        return new Product(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("description", String.class),
                row.get("list_price", BigDecimal.class),
                row.get("currency", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
