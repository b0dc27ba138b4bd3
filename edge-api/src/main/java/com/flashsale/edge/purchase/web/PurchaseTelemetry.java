package com.flashsale.edge.purchase.web;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.web.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the purchase route tells operators: meters (answers by status and reason, the latency of a
 * 202, the producer's failures, the open SSE streams) and one event line per purchase. Every meter
 * is registered up front, so an answer costs one map lookup and one counter increment, never a tag
 * built per request; the per-request lines ({@code flashsale.purchase.events} at DEBUG) cost nothing
 * while that logger is off.
 */
@Component
class PurchaseTelemetry {

    private static final Logger events = LoggerFactory.getLogger("flashsale.purchase.events");
    private static final Logger log = LoggerFactory.getLogger(PurchaseTelemetry.class);

    /** The reasons the purchase route answers with, and their status; others are registered on first sight. */
    private static final Map<String, Integer> KNOWN = Map.ofEntries(
            Map.entry("INVALID_SALE_ID", 400),
            Map.entry("INVALID_IDEMPOTENCY_KEY", 400),
            Map.entry("UNAUTHENTICATED", 401),
            Map.entry("SALE_NOT_FOUND", 404),
            Map.entry("IDEMPOTENCY_KEY_REUSED", 422),
            Map.entry("TOO_MANY_REQUESTS", 429),
            Map.entry("TOO_MANY_IN_FLIGHT", 429),
            Map.entry("INTERNAL_ERROR", 500),
            Map.entry("OVERLOADED", 503),
            Map.entry("UNITS_CLAIMED", 503),
            Map.entry("OUTCOME_UNKNOWN", 503));

    /**
     * In the lines that have no acknowledgement to take the partition from: why the partition is not
     * named (the edge learns a sale's partition from order-processor's sale-status reports).
     */
    static final String PARTITION_UNKNOWN = "unknown:no-status-of-the-sale-heard";

    private final MeterRegistry registry;
    private final SaleDirectory sales;
    private final Counter queued;
    private final Counter answeredAgain;
    private final Timer acceptedLatency;
    private final Counter producerTimeouts;
    private final Counter producerErrors;
    private final Map<RejectionReason, Counter> refusals = new EnumMap<>(RejectionReason.class);
    private final ConcurrentHashMap<String, Counter> problems = new ConcurrentHashMap<>();
    private final AtomicInteger streams = new AtomicInteger();

    PurchaseTelemetry(MeterRegistry registry, SaleDirectory sales) {
        this.registry = registry;
        this.sales = sales;
        this.queued = answers(202, "QUEUED");
        this.answeredAgain = answers(202, "ANSWERED_AGAIN");
        this.acceptedLatency = Timer.builder("flashsale.edge.purchase.accepted")
                .description("From the request's admission to its 202, Kafka's acknowledgement included")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.producerTimeouts = producerErrors("timeout");
        this.producerErrors = producerErrors("error");
        for (RejectionReason reason : RejectionReason.values()) {
            refusals.put(reason, answers(409, reason.name()));
        }
        KNOWN.forEach((reason, status) -> problems.put(reason, answers(status, reason)));
        registry.gauge("flashsale.edge.sse.connections", streams);
    }

    /**
     * A 202 for a request Kafka now holds at {@code partition}, {@code offset}; {@code startedNanos} is
     * when it was admitted ({@link System#nanoTime()}).
     */
    void queued(long startedNanos, PurchaseRequested request, int partition, long offset) {
        queued.increment();
        acceptedLatency.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        if (events.isDebugEnabled()) {
            events.debug(
                    "event=purchase.queued requestId={} saleId={} partition={} offset={}",
                    request.requestId(),
                    request.saleId(),
                    partition,
                    offset);
        }
    }

    /**
     * A 202 that repeats the answer of a request decided before (a retry with its key). Nothing is
     * sent, so the partition is the sale's as order-processor reported it.
     */
    void answeredAgain(PurchaseDecided known) {
        answeredAgain.increment();
        if (events.isDebugEnabled()) {
            events.debug(
                    "event=purchase.answered-again requestId={} saleId={} partition={} status={} reason={}",
                    known.requestId(),
                    known.saleId(),
                    partitionOf(known.saleId()),
                    known.status(),
                    known.reason());
        }
    }

    /** A 409 refusal at the edge: nothing reached Kafka, so there is no request id. */
    void refused(RejectionReason reason, UUID saleId) {
        refusals.get(reason).increment();
        if (events.isDebugEnabled()) {
            events.debug("event=purchase.refused saleId={} reason={}", saleId, reason);
        }
    }

    /** Any other problem answer. */
    void answered(ApiProblem problem) {
        String reason = problem.reason();
        Counter counter = problems.get(reason);
        if (counter == null) {
            // A reason not in the list: still a code constant, so the tag set stays small.
            counter = problems.computeIfAbsent(
                    reason == null ? "NONE" : reason,
                    r -> answers(problem.getStatusCode().value(), r));
        }
        counter.increment();
    }

    /**
     * The producer did not get the request acknowledged: the shopper is answered 503 OUTCOME_UNKNOWN.
     * No acknowledgement, no partition from Kafka: the line names the sale's, where the request is if
     * it was written at all.
     */
    void producerFailed(Throwable cause, PurchaseRequested request) {
        (cause instanceof TimeoutException ? producerTimeouts : producerErrors).increment();
        problems.get("OUTCOME_UNKNOWN").increment();
        log.warn(
                "event=purchase.outcome-unknown requestId={} saleId={} partition={} error={}",
                request.requestId(),
                request.saleId(),
                partitionOf(request.saleId()),
                cause.toString());
    }

    private Object partitionOf(UUID saleId) {
        int partition = sales.partitionOf(saleId);
        return partition >= 0 ? partition : PARTITION_UNKNOWN;
    }

    /** An SSE stream opened; {@link #streamClosed()} when it ends. */
    void streamOpened() {
        streams.incrementAndGet();
    }

    void streamClosed() {
        streams.decrementAndGet();
    }

    private Counter answers(int status, String reason) {
        return Counter.builder("flashsale.edge.purchase.answers")
                .description("Answers of the purchase route")
                .tag("status", Integer.toString(status))
                .tag("reason", reason)
                .register(registry);
    }

    private Counter producerErrors(String cause) {
        return Counter.builder("flashsale.edge.producer.errors")
                .description("Purchase requests Kafka did not acknowledge")
                .tag("cause", cause)
                .register(registry);
    }
}
