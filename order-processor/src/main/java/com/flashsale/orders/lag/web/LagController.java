package com.flashsale.orders.lag.web;

import com.flashsale.orders.lag.LagReport;
import com.flashsale.orders.lag.LagTable;
import com.flashsale.orders.lag.LagWatch;
import com.flashsale.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ops/lag}: the latest lag report, for the edge's admin route and operators on the
 * internal network; {@code GET /ops/lag/table} is the same as a text table ({@code ./flashsale status}).
 * Answered from the last sample, never from a Kafka call per request.
 */
@RestController
class LagController {

    private final LagWatch lag;

    LagController(LagWatch lag) {
        this.lag = lag;
    }

    @GetMapping(value = "/ops/lag/table", produces = MediaType.TEXT_PLAIN_VALUE)
    String table() {
        return LagTable.of(lag());
    }

    @GetMapping("/ops/lag")
    LagReport lag() {
        LagReport report = lag.latest();
        if (report == null) {
            ApiProblem problem = new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE, "LAG_NOT_SAMPLED_YET", "The lag has not been sampled yet.");
            problem.getHeaders().set("Retry-After", "1");
            throw problem;
        }
        return report;
    }
}
