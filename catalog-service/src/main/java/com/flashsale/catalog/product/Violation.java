package com.flashsale.catalog.product;

/** One wrong field of a product or sale definition and what is wrong with it. */
public record Violation(String field, String message) {}
