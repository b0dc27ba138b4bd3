package com.flashsale.edge.purchase.web;

import com.flashsale.edge.purchase.HistoryWindow;
import com.flashsale.edge.purchase.PurchaseEntry;
import com.flashsale.edge.purchase.WaitingPurchases;
import com.flashsale.edge.purchase.persistence.R2dbcPurchaseHistory;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.edge.security.Callers;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/me/purchases}: the caller's own purchase requests, newest first, paged; those this
 * edge still sees queued first, then the decided ones from order-processor's read contract.
 */
@RestController
class PurchaseHistoryController {

    private final R2dbcPurchaseHistory stored;
    private final WaitingPurchases queue;
    private final SaleDirectory sales;

    PurchaseHistoryController(R2dbcPurchaseHistory stored, WaitingPurchases queue, SaleDirectory sales) {
        this.stored = stored;
        this.queue = queue;
        this.sales = sales;
    }

    @GetMapping("/api/me/purchases")
    Mono<PurchasePage> mine(
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            ServerWebExchange exchange) {
        UUID userId = Callers.require(exchange).userId();
        Paging paging = Paging.of(page, size);
        List<WaitingPurchases.Queued> waiting = queue.waitingOf(userId);
        // A request decided in the database before this edge heard its outcome is listed once: stored.
        return stored.decidedAmong(
                        waiting.stream().map(WaitingPurchases.Queued::requestId).toList())
                .collect(Collectors.toSet())
                .flatMap(decided -> page(userId, paging, stillQueued(userId, waiting, decided)));
    }

    private Mono<PurchasePage> page(UUID userId, Paging paging, List<PurchaseEntry> queued) {
        HistoryWindow window = HistoryWindow.of(queued, paging.page(), paging.size());
        return Mono.zip(
                        stored.ofUser(userId, window.storedOffset(), window.storedLimit())
                                .collectList(),
                        stored.countOfUser(userId))
                .map(found -> new PurchasePage(
                        PurchaseItem.of(window.page(found.getT1()), sales),
                        paging.page(),
                        paging.size(),
                        queued.size() + found.getT2()));
    }

    private static List<PurchaseEntry> stillQueued(
            UUID userId, List<WaitingPurchases.Queued> waiting, Set<UUID> decided) {
        return waiting.stream()
                .filter(request -> !decided.contains(request.requestId()))
                .map(request -> PurchaseEntry.queued(userId, request))
                .toList();
    }

    record PurchasePage(List<PurchaseItem> items, int page, int size, long total) {}
}
