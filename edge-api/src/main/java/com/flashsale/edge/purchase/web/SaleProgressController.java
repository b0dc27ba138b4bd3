package com.flashsale.edge.purchase.web;

import com.flashsale.contracts.SaleDefined;
import com.flashsale.edge.purchase.EdgeRefusals;
import com.flashsale.edge.purchase.SaleProgress;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.edge.sale.SaleView;
import com.flashsale.edge.security.Callers;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The admin dashboard's live progress of one sale, from the orders read contract and this edge's refusals. */
@RestController
@Tag(name = "Purchases")
class SaleProgressController {

    private final RecentProgressReads stored;
    private final SaleDirectory sales;
    private final EdgeRefusals edgeRefusals;
    private final Clock clock;

    SaleProgressController(RecentProgressReads stored, SaleDirectory sales, EdgeRefusals edgeRefusals, Clock clock) {
        this.stored = stored;
        this.sales = sales;
        this.edgeRefusals = edgeRefusals;
        this.clock = clock;
    }

    @GetMapping("/api/admin/sales/{saleId}/progress")
    @Operation(
            summary = "A sale's live progress (admin dashboard)",
            description = "Stock, remaining, units `sold`, the status now, `requestsPerSecond` (requests accepted per"
                    + " second over the last 5 complete seconds), `refusals` by reason and a per-second `series`"
                    + " ({at, sold: units sold up to that second, requests accepted in it, rejected: rejections decided"
                    + " in it}) from the sale's start or its first request, at most the last 10 minutes. Sold, requests"
                    + " and rejections come from the stored outcomes (every edge instance's requests); `refusals` adds"
                    + " to the stored rejections the requests this edge instance refused itself since it started (4xx"
                    + " such as SOLD_OUT or TOO_MANY_REQUESTS, which never reach the queue), also shown alone in"
                    + " `edgeRefusals`. `since` answers only the seconds at or after it, for an incremental refresh. The stored"
                    + " part is read at most once a second per sale.")
    @ProblemResponse(status = 400, reason = "VALIDATION_FAILED", detail = "since: an ISO-8601 instant.")
    @ProblemResponse(status = 404, reason = "SALE_NOT_FOUND", detail = "No sale 3f0c6d3e-0000-4000-8000-000000000000.")
    Mono<SaleProgress> progress(
            @PathVariable UUID saleId,
            @Parameter(description = "Only the seconds at or after this instant.", example = "2026-12-01T10:00:00Z")
                    @RequestParam(required = false)
                    String since,
            ServerWebExchange exchange) {
        Callers.requireAdmin(exchange);
        Instant from = parse(since);
        SaleDefined sale = sales.find(saleId)
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "SALE_NOT_FOUND", "No sale " + saleId + "."));
        Instant now = clock.instant();
        SaleView view = SaleView.of(sale, sales.remaining(saleId), now);
        SaleProgress.Sale known = new SaleProgress.Sale(
                saleId,
                view.stock(),
                view.remaining(),
                view.startsAt(),
                view.endsAt(),
                view.status().name());
        return stored.of(saleId, now).map(found -> SaleProgress.of(known, found, edgeRefusals.of(saleId), now, from));
    }

    private static Instant parse(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField("since", "an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        }
    }
}
