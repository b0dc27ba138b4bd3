package com.flashsale.orders.lag.web;

import com.flashsale.contracts.Topics;
import com.flashsale.orders.lag.LagReport;
import com.flashsale.orders.lag.LagWatch;
import com.flashsale.orders.lag.PartitionLag;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Per partition of the requests topic (tag {@code partition}: as many as the topic has), the
 * applied offset, the lag in records and the age of the oldest waiting request, read from the
 * latest lag sample when Prometheus scrapes.
 */
@Component
class LagGauges {

    LagGauges(MeterRegistry registry, LagWatch lag) {
        // The topic's designed partition count: registered up front, NaN until a sample has seen the partition.
        for (int p = 0; p < Topics.spec(Topics.PURCHASE_REQUESTS).partitions(); p++) {
            gauge(
                    registry,
                    lag,
                    p,
                    "flashsale.orders.partition.applied.offset",
                    "records",
                    PartitionLag::appliedOffset);
            gauge(registry, lag, p, "flashsale.orders.partition.lag", "records", PartitionLag::lag);
            gauge(
                    registry,
                    lag,
                    p,
                    "flashsale.orders.partition.oldest.waiting.age",
                    "seconds",
                    row -> row.oldestWaitingAgeMs() == null ? 0 : row.oldestWaitingAgeMs() / 1000.0);
        }
    }

    private static void gauge(
            MeterRegistry registry,
            LagWatch lag,
            int partition,
            String name,
            String unit,
            ToDoubleFunction<PartitionLag> value) {
        Gauge.builder(name, lag, watch -> {
                    LagReport report = watch.latest();
                    if (report == null) {
                        return Double.NaN;
                    }
                    return report.partitions().stream()
                            .filter(row -> row.partition() == partition)
                            .findFirst()
                            .map(value::applyAsDouble)
                            .orElse(Double.NaN);
                })
                .baseUnit(unit)
                .tag("partition", Integer.toString(partition))
                .register(registry);
    }
}
