package com.flashsale.catalog.sale;

import com.flashsale.catalog.product.Product;
import com.flashsale.catalog.product.ProductRules;
import com.flashsale.catalog.product.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rules a new or changed sale must keep, as plain checks that name every wrong field. */
public final class SaleDefinition {

    public static final int MAX_STOCK = 10_000_000;

    private SaleDefinition() {}

    /**
     * What is wrong with the draft, empty when it makes a valid sale at {@code now}.
     *
     * @param product the draft's product, or null when there is no such product
     * @param unitsSold the units already sold of the sale being changed (0 for a new sale)
     */
    public static List<Violation> problems(SaleDraft draft, Product product, int unitsSold, Instant now) {
        List<Violation> problems = new ArrayList<>();
        if (draft.productId() == null) {
            problems.add(new Violation("productId", "is required"));
        } else if (product == null) {
            problems.add(new Violation("productId", "names no product"));
        }
        String price = ProductRules.priceProblem(draft.price());
        if (price != null) {
            problems.add(new Violation("price", price));
        } else if (product != null && draft.price().compareTo(product.listPrice()) >= 0) {
            problems.add(new Violation("price", "must be below the list price " + product.listPrice()));
        }
        if (draft.stock() == null) {
            problems.add(new Violation("stock", "is required"));
        } else if (draft.stock() < 1 || draft.stock() > MAX_STOCK) {
            problems.add(new Violation("stock", "must be between 1 and " + MAX_STOCK));
        } else if (draft.stock() < unitsSold) {
            problems.add(new Violation("stock", "must be at least the " + unitsSold + " units already sold"));
        }
        if (draft.startsAt() == null) {
            problems.add(new Violation("startsAt", "is required"));
        }
        if (draft.endsAt() == null) {
            problems.add(new Violation("endsAt", "is required"));
        } else if (draft.startsAt() != null && !draft.endsAt().isAfter(draft.startsAt())) {
            problems.add(new Violation("endsAt", "must be after startsAt"));
        } else if (!draft.endsAt().isAfter(now)) {
            problems.add(new Violation("endsAt", "must be in the future"));
        }
        return problems;
    }
}
