package com.flashsale.orders.purchase;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.RejectionReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The purchase rules, applied to one batch of requests in offset order: nothing for a cancelled
 * sale, inside the window at acceptance, one unit per shopper per sale, never more than the stock. Pure: the caller loads
 * the state and stores the result in one transaction.
 */
public final class PurchaseLedger {

    private final Map<UUID, SaleState> sales;
    private final Map<UUID, Integer> remaining = new HashMap<>();
    private final Set<Buyer> buyers;
    private final Set<UUID> decided;

    /**
     * @param sales the state of every sale the batch touches
     * @param buyers the (sale, user) pairs that already hold a confirmed order
     * @param decided request ids that already have an outcome (replays, duplicates)
     */
    public PurchaseLedger(Map<UUID, SaleState> sales, Set<Buyer> buyers, Set<UUID> decided) {
        this.sales = sales;
        this.buyers = new HashSet<>(buyers);
        this.decided = new HashSet<>(decided);
        sales.forEach((id, sale) -> remaining.put(id, sale.remaining()));
    }

    /**
     * Decides every request not decided before; requests already decided (in an earlier batch or
     * earlier in this one) are skipped, so applying the same records twice changes nothing.
     */
    public List<Decision> decide(List<Offsetted> requests) {
        List<Decision> decisions = new ArrayList<>(requests.size());
        for (Offsetted candidate : requests) {
            PurchaseRequested request = candidate.request();
            if (!decided.add(request.requestId())) {
                continue;
            }
            decisions.add(new Decision(request, candidate.offset(), reasonToReject(request)));
        }
        return decisions;
    }

    /** The units left of {@code saleId} after the decisions made so far. */
    public int remaining(UUID saleId) {
        return remaining.get(saleId);
    }

    private RejectionReason reasonToReject(PurchaseRequested request) {
        SaleState sale = sales.get(request.saleId());
        if (sale == null) {
            throw new IllegalArgumentException("no state loaded for sale " + request.saleId());
        }
        if (sale.cancelled()) {
            // Whenever it was accepted: a request applied after the cancellation never becomes an order.
            return RejectionReason.SALE_CANCELLED;
        }
        if (!sale.window().isOpenAt(request.acceptedAt())) {
            return RejectionReason.SALE_NOT_ACTIVE;
        }
        Buyer buyer = new Buyer(request.saleId(), request.userId());
        if (buyers.contains(buyer)) {
            return RejectionReason.ALREADY_PURCHASED;
        }
        int left = remaining.get(request.saleId());
        if (left <= 0) {
            return RejectionReason.SOLD_OUT;
        }
        remaining.put(request.saleId(), left - 1);
        buyers.add(buyer);
        return null;
    }

    /** A shopper holding a unit of a sale. */
    public record Buyer(UUID saleId, UUID userId) {}

    /** A request with its offset in the partition. */
    public record Offsetted(PurchaseRequested request, long offset) {}
}
