package com.flashsale.catalog.product.persistence;

import com.flashsale.catalog.product.Product;
import com.flashsale.catalog.product.Products;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Products in {@code catalog.products}; a deleted product keeps its row (sales name it) with {@code deleted_at}. */
@Repository
class R2dbcProducts implements Products {

    private static final String COLUMNS = "id, name, description, list_price, currency, image_path, created_at";
    private static final String LISTED = " FROM catalog.products WHERE deleted_at IS NULL";
    // position() rather than LIKE: the shopper's text needs no escaping of % and _.
    private static final String MATCHING = " AND position(lower(:q) IN lower(name)) > 0";
    private static final String OPEN_SALE = "product_id = :id AND cancelled_at IS NULL AND ends_at > :now";

    private final DatabaseClient db;

    R2dbcProducts(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Flux<Product> page(String query, int page, int size) {
        var spec = db.sql("SELECT " + COLUMNS + LISTED + (query == null ? "" : MATCHING)
                        + " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size);
        if (query != null) {
            spec = spec.bind("q", query);
        }
        return spec.map(R2dbcProducts::toProduct).all();
    }

    @Override
    public Mono<Long> count(String query) {
        var spec = db.sql("SELECT count(*) AS n" + LISTED + (query == null ? "" : MATCHING));
        if (query != null) {
            spec = spec.bind("q", query);
        }
        return spec.map(row -> row.get("n", Long.class)).one();
    }

    @Override
    public Mono<Product> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + LISTED + " AND id = :id")
                .bind("id", id)
                .map(R2dbcProducts::toProduct)
                .one();
    }

    @Override
    public Mono<Product> add(Product product) {
        return bindFields(
                        db.sql("INSERT INTO catalog.products (id, name, description, list_price, currency, image_path)"
                                + " VALUES (:id, :name, :description, :price, :currency, :image)"
                                + " ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS),
                        product)
                .map(R2dbcProducts::toProduct)
                .one();
    }

    @Override
    public Mono<Product> lockForSale(UUID id) {
        // FOR SHARE: sales may be defined on the product side by side, but it cannot be changed or
        // deleted until they commit (and a deletion that came first makes this find nothing).
        return db.sql("SELECT " + COLUMNS + LISTED + " AND id = :id FOR SHARE")
                .bind("id", id)
                .map(R2dbcProducts::toProduct)
                .one();
    }

    @Override
    public Mono<Product> lockForChange(UUID id) {
        // Every later statement of the transaction sees the sales committed before this lock was granted.
        return db.sql("SELECT " + COLUMNS + LISTED + " AND id = :id FOR UPDATE")
                .bind("id", id)
                .map(R2dbcProducts::toProduct)
                .one();
    }

    @Override
    public Flux<OpenSale> openSales(UUID productId, Instant now) {
        return db.sql("SELECT id, sale_price, currency FROM catalog.flash_sales WHERE " + OPEN_SALE)
                .bind("id", productId)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(row -> new OpenSale(
                        row.get("id", UUID.class),
                        row.get("sale_price", BigDecimal.class),
                        row.get("currency", String.class).trim()))
                .all();
    }

    @Override
    public Mono<Product> update(Product product, Instant now) {
        var spec = bindFields(
                db.sql("UPDATE catalog.products SET name = :name, description = :description, list_price = :price,"
                        + " currency = :currency, image_path = :image, updated_at = now()"
                        + " WHERE id = :id AND deleted_at IS NULL RETURNING " + COLUMNS),
                product);
        // Open sales carry the product's name and list price in their messages: a new version re-publishes them.
        Mono<Void> touchOpenSales = db.sql("UPDATE catalog.flash_sales SET version = version + 1, updated_at = now()"
                        + " WHERE " + OPEN_SALE)
                .bind("id", product.id())
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .then();
        return spec.map(R2dbcProducts::toProduct).one().flatMap(stored -> touchOpenSales.thenReturn(stored));
    }

    @Override
    public Mono<Void> delete(UUID id) {
        return db.sql("UPDATE catalog.products SET deleted_at = now(), updated_at = now()"
                        + " WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id)
                .then();
    }

    /** The product's fields as the parameters of an INSERT or UPDATE (no image path is NULL). */
    private static DatabaseClient.GenericExecuteSpec bindFields(
            DatabaseClient.GenericExecuteSpec spec, Product product) {
        return spec.bind("id", product.id())
                .bind("name", product.name())
                .bind("description", product.description())
                .bind("price", product.listPrice())
                .bind("currency", product.currency())
                .bind("image", Parameter.fromOrEmpty(product.imagePath(), String.class));
    }

    private static Product toProduct(Readable row) {
        return new Product(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("description", String.class),
                row.get("list_price", BigDecimal.class),
                row.get("currency", String.class).trim(),
                row.get("image_path", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
