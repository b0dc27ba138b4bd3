package com.flashsale.edge.sale;

import com.flashsale.contracts.SaleDefined;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A sale as shoppers see it: the definition (sale {@code price} and the product's {@code
 * listPrice}), the live remaining stock and the status now; when it sold out, {@code soldOutAt} (the
 * last unit's confirmation), and {@code watching}, the shoppers who had its page open lately.
 */
public record SaleView(
        UUID id,
        UUID productId,
        String productName,
        BigDecimal listPrice,
        BigDecimal price,
        String currency,
        int stock,
        Integer remaining,
        Instant startsAt,
        Instant endsAt,
        Instant cancelledAt,
        Status status,
        Instant soldOutAt,
        int watching) {

    /** Where a sale stands at a given instant. */
    public enum Status {
        UPCOMING,
        ACTIVE,
        SOLD_OUT,
        ENDED,
        CANCELLED
    }

    public static SaleView of(SaleDefined sale, Integer remaining, Instant now) {
        return of(sale, remaining, now, null, 0);
    }

    /** The view with what the edge knows beyond the definition and stock: the sold-out time and the watchers. */
    public static SaleView of(SaleDefined sale, Integer remaining, Instant now, Instant soldOutAt, int watching) {
        return new SaleView(
                sale.saleId(),
                sale.productId(),
                sale.productName(),
                sale.listPrice(),
                sale.price(),
                sale.currency(),
                sale.stock(),
                remaining == null ? sale.stock() : remaining,
                sale.startsAt(),
                sale.endsAt(),
                sale.cancelledAt(),
                statusOf(sale, remaining, now),
                remaining != null && remaining <= 0 ? soldOutAt : null,
                watching);
    }

    /** A cancellation outranks the window, and the window outranks the stock. */
    static Status statusOf(SaleDefined sale, Integer remaining, Instant now) {
        if (sale.cancelled()) {
            return Status.CANCELLED;
        }
        return switch (sale.window().phaseAt(now)) {
            case UPCOMING -> Status.UPCOMING;
            case ENDED -> Status.ENDED;
            case OPEN -> remaining != null && remaining <= 0 ? Status.SOLD_OUT : Status.ACTIVE;
        };
    }
}
