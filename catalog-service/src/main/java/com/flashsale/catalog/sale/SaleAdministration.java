package com.flashsale.catalog.sale;

import com.flashsale.catalog.Transactions;
import com.flashsale.catalog.product.Product;
import com.flashsale.catalog.product.Products;
import com.flashsale.catalog.product.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The admin's use cases on flash sales: define, redefine, cancel. Each runs in one transaction
 * with the product locked before the sale (the order a product change takes them in too), so a
 * check and the write it allows see the same rows.
 */
public final class SaleAdministration {

    private final FlashSales sales;
    private final Products products;
    private final Transactions tx;
    private final Clock clock;

    public SaleAdministration(FlashSales sales, Products products, Transactions tx, Clock clock) {
        this.sales = sales;
        this.products = products;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<SaleChange> define(SaleDraft draft) {
        Instant now = clock.instant();
        return tx.inOne(productOf(draft).flatMap(product -> {
            List<Violation> problems = SaleDefinition.problems(draft, product.orElse(null), 0, now);
            if (!problems.isEmpty()) {
                return Mono.just(new SaleChange.Invalid(problems));
            }
            Product p = product.orElseThrow();
            FlashSale sale = new FlashSale(
                    UUID.randomUUID(),
                    p.id(),
                    p.name(),
                    draft.price(),
                    p.currency(),
                    draft.stock(),
                    // Milliseconds: every copy of the window (databases, messages) holds it exactly.
                    draft.startsAt().truncatedTo(ChronoUnit.MILLIS),
                    draft.endsAt().truncatedTo(ChronoUnit.MILLIS),
                    1);
            return sales.add(sale).map(SaleChange.Done::new);
        }));
    }

    public Mono<SaleChange> redefine(UUID id, SaleDraft draft) {
        Instant now = clock.instant();
        return tx.inOne(productOf(draft)
                .flatMap(product -> sales.lockById(id)
                        .flatMap(current -> {
                            if (current.isOverAt(now)) {
                                return Mono.just(new SaleChange.Over(current));
                            }
                            List<Violation> problems =
                                    SaleDefinition.problems(draft, product.orElse(null), current.unitsSold(), now);
                            if (!problems.isEmpty()) {
                                return Mono.just(new SaleChange.Invalid(problems));
                            }
                            SaleDraft exact = new SaleDraft(
                                    draft.productId(),
                                    draft.price(),
                                    draft.stock(),
                                    draft.startsAt().truncatedTo(ChronoUnit.MILLIS),
                                    draft.endsAt().truncatedTo(ChronoUnit.MILLIS));
                            return sales.redefine(
                                            id, exact, product.orElseThrow().currency())
                                    .<SaleChange>map(SaleChange.Done::new);
                        })
                        .defaultIfEmpty(new SaleChange.NotFound())));
    }

    public Mono<SaleChange> cancel(UUID id) {
        Instant now = clock.instant();
        return tx.inOne(sales.lockById(id)
                .flatMap(current -> current.isOverAt(now)
                        ? Mono.<SaleChange>just(new SaleChange.Over(current))
                        : sales.cancel(id, now).<SaleChange>map(SaleChange.Done::new))
                .defaultIfEmpty(new SaleChange.NotFound()));
    }

    private Mono<java.util.Optional<Product>> productOf(SaleDraft draft) {
        return draft.productId() == null
                ? Mono.just(java.util.Optional.empty())
                : products.lockForSale(draft.productId())
                        .map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty());
    }
}
