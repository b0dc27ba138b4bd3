package com.flashsale.catalog.sale;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A sale as an admin writes it, before it is checked: any field may be missing or wrong. */
public record SaleDraft(UUID productId, BigDecimal price, Integer stock, Instant startsAt, Instant endsAt) {}
