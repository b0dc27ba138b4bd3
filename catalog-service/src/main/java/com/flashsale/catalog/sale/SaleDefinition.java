package com.flashsale.catalog.sale;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rules a new or changed sale must keep, as plain checks over its values. */
public final class SaleDefinition {

    public static final int MAX_STOCK = 10_000_000;

    private SaleDefinition() {}

    /** What is wrong with these values, empty when they make a valid sale at {@code now}. */
    public static List<String> problems(BigDecimal price, int stock, Instant startsAt, Instant endsAt, Instant now) {
        List<String> problems = new ArrayList<>();
        if (price.signum() < 0) {
            problems.add("price must not be negative");
        }
        if (stock < 1 || stock > MAX_STOCK) {
            problems.add("stock must be between 1 and " + MAX_STOCK);
        }
        if (!endsAt.isAfter(startsAt)) {
            problems.add("endsAt must be after startsAt");
        }
        if (!endsAt.isAfter(now)) {
            problems.add("endsAt must be in the future");
        }
        return problems;
    }
}
