package com.flashsale.edge.sale.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.edge.sale.SaleView;
import com.flashsale.edge.sale.SaleWatchers;
import com.flashsale.edge.sale.SoldOutTimes;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.Access;
import com.flashsale.web.docs.Audience;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public sale routes, answered from the edge's own copies with the server time for countdowns,
 * the sold-out time and how many shoppers watch (all from memory: no database read here).
 */
@RestController
@Access(Audience.ANYONE)
@Tag(name = "Sales", description = "Flash sales as shoppers see them, with live remaining stock and the server's time.")
class SaleController {

    private final SaleDirectory directory;
    private final SoldOutTimes soldOut;
    private final SaleWatchers watchers;
    private final Clock clock;

    SaleController(SaleDirectory directory, SoldOutTimes soldOut, SaleWatchers watchers, Clock clock) {
        this.directory = directory;
        this.soldOut = soldOut;
        this.watchers = watchers;
        this.clock = clock;
    }

    /** The server's clock, for countdowns; also the cheapest route there is (the benchmark's baseline). */
    @GetMapping("/api/time")
    @Operation(summary = "The server's clock, for countdowns")
    ServerTime time() {
        return new ServerTime(clock.instant());
    }

    @GetMapping("/api/sales")
    @Operation(
            summary = "Every sale with its status now",
            description = "Each with `soldOutAt` (when its last unit was confirmed, null unless sold out) and"
                    + " `watching` (shoppers who had its page open in the last 30 s, at this edge instance).")
    SaleList list() {
        Instant now = clock.instant();
        List<SaleView> items = directory.all().stream()
                .map(sale -> view(sale, now))
                .sorted(Comparator.comparing(SaleView::startsAt).thenComparing(SaleView::id))
                .toList();
        return new SaleList(now, items);
    }

    @GetMapping("/api/sales/{id}")
    @Operation(
            summary = "One sale with its status now",
            description = "A page that shows the sale sends its browser's random viewer id in `X-Viewer-Id`:"
                    + " it is counted in `watching` for 30 s after its last read.")
    @ProblemResponse(
            status = 400,
            reason = "VALIDATION_FAILED",
            detail = "X-Viewer-Id: 8 to 64 letters, digits or '-'.")
    @ProblemResponse(status = 404, reason = "SALE_NOT_FOUND", detail = "No sale 3f0c6d3e-0000-4000-8000-000000000000.")
    OneSale one(
            @PathVariable UUID id,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description = "The browser's random viewer id, 8 to 64 of A-Z, a-z, 0-9 and '-'.",
                            example = "3b1f0c9e-5d2a-4c1b-9e77-0a1b2c3d4e5f")
                    @RequestHeader(name = "X-Viewer-Id", required = false)
                    String viewerId) {
        if (viewerId != null && !SaleWatchers.VIEWER_ID.matcher(viewerId).matches()) {
            throw ApiProblem.invalidField("X-Viewer-Id", "8 to 64 letters, digits or '-'");
        }
        Instant now = clock.instant();
        SaleDefined sale = directory
                .find(id)
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "SALE_NOT_FOUND", "No sale " + id + "."));
        if (viewerId != null) {
            watchers.seen(id, viewerId, now);
        }
        return new OneSale(view(sale, now), now);
    }

    private SaleView view(SaleDefined sale, Instant now) {
        UUID id = sale.saleId();
        return SaleView.of(sale, directory.remaining(id), now, soldOut.of(id), watchers.watching(id, now));
    }

    record ServerTime(Instant serverTime) {}

    record SaleList(Instant serverTime, List<SaleView> items) {}

    record OneSale(@JsonUnwrapped SaleView sale, Instant serverTime) {}
}
