package com.flashsale.edge.ops.web;

import com.flashsale.edge.security.Callers;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.Access;
import com.flashsale.web.docs.Audience;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/admin/ops/lag}: the lag of the requests topic for admins, fetched from
 * order-processor's internal {@code /ops/lag} (the first of {@code flashsale.orders-urls} that
 * answers; every instance answers for all partitions).
 */
@RestController
@Tag(name = "Operations", description = "What operators watch.")
class OpsLagController {

    private static final Duration BOUND = Duration.ofSeconds(3);

    private final WebClient http = WebClient.create();
    private final List<String> ordersUrls;

    OpsLagController(@Value("${flashsale.orders-urls:http://127.0.0.1:8081}") List<String> ordersUrls) {
        this.ordersUrls = List.copyOf(ordersUrls);
    }

    @GetMapping("/api/admin/ops/lag")
    @Access(Audience.ADMIN)
    @Operation(
            summary = "Consumer lag per partition of the purchase queue",
            description = "Per partition of the requests topic: end offset, applied offset (stored with the batches)"
                    + " and the group's committed one, the lag, the age of the oldest waiting request (from its"
                    + " record's timestamp), the recent apply rate and drain estimate, the owning consumer and a"
                    + " status (OK, LAGGING, STALLED, STOPPED) judged over a window of recent samples.")
    @ProblemResponse(
            status = 503,
            reason = "ORDERS_UNAVAILABLE",
            detail = "No order-processor answered; try again in a moment.")
    Mono<OpsLag> lag(ServerWebExchange exchange) {
        Callers.requireAdmin(exchange);
        return Flux.fromIterable(ordersUrls)
                .concatMap(url -> http.get()
                        .uri(url + "/ops/lag")
                        .retrieve()
                        .bodyToMono(OpsLag.class)
                        .timeout(BOUND)
                        // Not this one (away, starting, not sampled yet): the next may answer.
                        .onErrorResume(e -> Mono.empty()))
                .next()
                .switchIfEmpty(Mono.error(OpsLagController::unavailable));
    }

    private static ApiProblem unavailable() {
        ApiProblem problem = new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "ORDERS_UNAVAILABLE",
                "No order-processor answered; try again in a moment.");
        problem.getHeaders().set("Retry-After", "1");
        return problem;
    }
}
