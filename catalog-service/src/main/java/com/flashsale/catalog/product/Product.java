package com.flashsale.catalog.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Something the shop sells, at its list price, with an optional image under {@code /images/}. */
public record Product(
        UUID id,
        String name,
        String description,
        BigDecimal listPrice,
        String currency,
        String imagePath,
        Instant createdAt) {

    /** A product without an image. */
    public Product(UUID id, String name, String description, BigDecimal listPrice, String currency, Instant createdAt) {
        this(id, name, description, listPrice, currency, null, createdAt);
    }
}
