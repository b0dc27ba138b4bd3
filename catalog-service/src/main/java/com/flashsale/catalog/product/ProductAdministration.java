package com.flashsale.catalog.product;

import com.flashsale.catalog.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The admin's use cases on the catalogue: add, change and delete a product. A change keeps every
 * open sale of the product sound (its sale price below the list price, its currency), and a
 * product in a sale that is not over cannot be deleted; each check holds the product's row locked.
 */
public final class ProductAdministration {

    private final Products products;
    private final Transactions tx;
    private final Clock clock;

    public ProductAdministration(Products products, Transactions tx, Clock clock) {
        this.products = products;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<ProductChange> add(ProductDraft draft) {
        List<Violation> problems = ProductRules.problems(draft);
        if (!problems.isEmpty()) {
            return Mono.just(new ProductChange.Invalid(problems));
        }
        return products.add(ProductRules.toProduct(UUID.randomUUID(), draft)).map(ProductChange.Done::new);
    }

    public Mono<ProductChange> update(UUID id, ProductDraft draft) {
        List<Violation> problems = ProductRules.problems(draft);
        if (!problems.isEmpty()) {
            return Mono.just(new ProductChange.Invalid(problems));
        }
        Product changed = ProductRules.toProduct(id, draft);
        var now = clock.instant();
        return tx.inOne(products.lockForChange(id)
                .flatMap(current -> products.openSales(id, now).collectList().flatMap(open -> {
                    List<Violation> conflicts = conflictsWithOpenSales(changed, open);
                    if (!conflicts.isEmpty()) {
                        return Mono.<ProductChange>just(new ProductChange.Invalid(conflicts));
                    }
                    return products.update(changed, now).map(ProductChange.Done::new);
                }))
                .defaultIfEmpty(new ProductChange.NotFound()));
    }

    public Mono<ProductChange> delete(UUID id) {
        var now = clock.instant();
        return tx.inOne(products.lockForChange(id)
                .flatMap(current -> products.openSales(id, now)
                        .hasElements()
                        .flatMap(inSale -> inSale
                                ? Mono.<ProductChange>just(new ProductChange.InOpenSale())
                                : products.delete(id).thenReturn(new ProductChange.Done(null))))
                .defaultIfEmpty(new ProductChange.NotFound()));
    }

    /** A sale that is not over keeps its terms: its price stays below the list price, its currency stays. */
    static List<Violation> conflictsWithOpenSales(Product changed, List<Products.OpenSale> open) {
        List<Violation> problems = new ArrayList<>();
        open.stream()
                .map(Products.OpenSale::price)
                .max(java.math.BigDecimal::compareTo)
                .filter(highest -> changed.listPrice().compareTo(highest) <= 0)
                .ifPresent(highest -> problems.add(new Violation(
                        "listPrice", "must stay above " + highest + ", the sale price of a sale that is not over")));
        if (open.stream().anyMatch(sale -> !sale.currency().equals(changed.currency()))) {
            problems.add(new Violation("currency", "cannot change while the product is in a sale that is not over"));
        }
        return problems;
    }
}
