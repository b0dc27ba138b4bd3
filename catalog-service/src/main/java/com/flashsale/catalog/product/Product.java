package com.flashsale.catalog.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Something the shop sells, at its list price. */
public record Product(
        UUID id, String name, String description, BigDecimal listPrice, String currency, Instant createdAt) {}
