package com.flashsale.catalog.product;

import java.math.BigDecimal;

/** A product as an admin writes it, before it is checked: any field may be missing or wrong. */
public record ProductDraft(String name, String description, BigDecimal listPrice, String currency, String imagePath) {}
