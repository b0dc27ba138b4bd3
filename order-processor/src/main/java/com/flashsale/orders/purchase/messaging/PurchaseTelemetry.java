package com.flashsale.orders.purchase.messaging;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.orders.purchase.AppliedBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * order-processor's pipeline meters (batch sizes, apply latency, decisions by reason, outcomes
 * published and re-sent, dead letters) and its per-request event lines. Meters are registered up
 * front, so a batch costs a few increments, never a tag built per request; the event lines
 * ({@code flashsale.purchase.events} at DEBUG, key=value) cost nothing while that logger is off.
 */
@Component
class PurchaseTelemetry {

    private final DistributionSummary batchSize;
    private final Timer applyLatency;
    private final Counter confirmed;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
    private final Counter published;
    private final Counter resent;
    private final Counter deadLetters;
    private static final Logger events = LoggerFactory.getLogger("flashsale.purchase.events");

    PurchaseTelemetry(MeterRegistry registry) {
        batchSize = DistributionSummary.builder("flashsale.orders.batch.size")
                .description("Records per applied partition batch")
                .baseUnit("records")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(20_000.0)
                .register(registry);
        applyLatency = Timer.builder("flashsale.orders.batch.apply")
                .description("One partition batch applied: its transaction from the offset lock to the commit")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        confirmed = decisions(registry, "CONFIRMED", "NONE");
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, decisions(registry, "REJECTED", reason.name()));
        }
        published = Counter.builder("flashsale.orders.outcomes.published")
                .description("Outcomes Kafka acknowledged (re-sent ones included)")
                .register(registry);
        resent = Counter.builder("flashsale.orders.outcomes.resent")
                .description("Outcomes sent again: a failed send, or committed but not acknowledged before a stop")
                .register(registry);
        deadLetters = Counter.builder("flashsale.orders.dead.letters")
                .description("Records of the requests topic that were no request, kept in orders.dead_letters")
                .register(registry);
    }

    /** A partition batch of {@code records} committed after {@code nanos}. */
    void applied(AppliedBatch batch, int records, long nanos) {
        batchSize.record(records);
        applyLatency.record(nanos, TimeUnit.NANOSECONDS);
        if (batch.deadLettered() > 0) {
            deadLetters.increment(batch.deadLettered());
        }
        int confirmations = 0;
        int[] rejections = new int[RejectionReason.values().length];
        boolean logged = events.isDebugEnabled();
        for (PurchaseDecided outcome : batch.outcomes()) {
            if (logged) {
                events.debug(
                        "event=purchase.decided requestId={} saleId={} partition={} status={} reason={} batchEnd={}",
                        outcome.requestId(),
                        outcome.saleId(),
                        batch.partition(),
                        outcome.status(),
                        outcome.reason(),
                        batch.nextOffset());
            }
            if (outcome.reason() == null) {
                confirmations++;
            } else {
                rejections[outcome.reason().ordinal()]++;
            }
        }
        if (confirmations > 0) {
            confirmed.increment(confirmations);
        }
        for (RejectionReason reason : RejectionReason.values()) {
            if (rejections[reason.ordinal()] > 0) {
                rejected.get(reason).increment(rejections[reason.ordinal()]);
            }
        }
    }

    void published(List<PurchaseDecided> outcomes) {
        published.increment(outcomes.size());
    }

    void resent(int partition, List<PurchaseDecided> outcomes) {
        resent.increment(outcomes.size());
        if (events.isDebugEnabled()) {
            outcomes.forEach(outcome -> events.debug(
                    "event=purchase.outcome-resent requestId={} saleId={} partition={} status={}",
                    outcome.requestId(),
                    outcome.saleId(),
                    partition,
                    outcome.status()));
        }
    }

    private static Counter decisions(MeterRegistry registry, String status, String reason) {
        return Counter.builder("flashsale.orders.decisions")
                .description("Requests decided")
                .tag("status", status)
                .tag("reason", reason)
                .register(registry);
    }
}
