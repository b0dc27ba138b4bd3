package com.flashsale.edge.sale.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.edge.sale.SaleView;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.Access;
import com.flashsale.web.docs.Audience;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public sale routes, answered from the edge's own copies with the server time for countdowns. */
@RestController
@Access(Audience.ANYONE)
@Tag(name = "Sales", description = "Flash sales as shoppers see them, with live remaining stock and the server's time.")
class SaleController {

    private final SaleDirectory directory;
    private final Clock clock;

    SaleController(SaleDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The server's clock, for countdowns; also the cheapest route there is (the benchmark's baseline). */
    @GetMapping("/api/time")
    @Operation(summary = "The server's clock, for countdowns")
    ServerTime time() {
        return new ServerTime(clock.instant());
    }

    @GetMapping("/api/sales")
    @Operation(summary = "Every sale with its status now")
    SaleList list() {
        Instant now = clock.instant();
        List<SaleView> items = directory.all().stream()
                .map(sale -> SaleView.of(sale, directory.remaining(sale.saleId()), now))
                .sorted(Comparator.comparing(SaleView::startsAt).thenComparing(SaleView::id))
                .toList();
        return new SaleList(now, items);
    }

    @GetMapping("/api/sales/{id}")
    @Operation(summary = "One sale with its status now")
    @ProblemResponse(status = 404, reason = "SALE_NOT_FOUND", detail = "No sale 3f0c6d3e-0000-4000-8000-000000000000.")
    OneSale one(@PathVariable UUID id) {
        Instant now = clock.instant();
        return directory
                .find(id)
                .map(sale -> new OneSale(SaleView.of(sale, directory.remaining(id), now), now))
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "SALE_NOT_FOUND", "No sale " + id + "."));
    }

    record ServerTime(Instant serverTime) {}

    record SaleList(Instant serverTime, List<SaleView> items) {}

    record OneSale(@JsonUnwrapped SaleView sale, Instant serverTime) {}
}
