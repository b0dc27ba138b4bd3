package com.flashsale.edge.purchase.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.edge.sale.SaleDirectory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The purchase lines that have no acknowledgement to take a partition from name the sale's, or say why not. */
@ExtendWith(OutputCaptureExtension.class)
class PurchaseTelemetryTest {

    private static final String EVENTS = "flashsale.purchase.events";

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    private final SaleDirectory sales = new SaleDirectory();
    private final PurchaseTelemetry telemetry = new PurchaseTelemetry(new SimpleMeterRegistry(), sales);
    private final UUID sale = UUID.randomUUID();

    @BeforeEach
    void perRequestLinesOn() {
        logging.setLogLevel(EVENTS, LogLevel.DEBUG);
    }

    @AfterEach
    void perRequestLinesOff() {
        logging.setLogLevel(EVENTS, null);
    }

    @Test
    void namesTheSalesPartitionWhenAnAnswerRepeatsADecisionOrKafkaDidNotAcknowledge(CapturedOutput output) {
        sales.report(new SaleStatusChanged(SaleStatusChanged.VERSION, sale, 10, 9, 7, 42, 0, Instant.now()));
        PurchaseDecided known = decided();
        PurchaseRequested unacknowledged = requested();

        telemetry.answeredAgain(known);
        telemetry.producerFailed(new TimeoutException("no acknowledgement within PT2S"), unacknowledged);

        assertThat(output.getOut())
                .contains("event=purchase.answered-again requestId=" + known.requestId() + " saleId=" + sale
                        + " partition=7 status=CONFIRMED reason=null")
                .contains("event=purchase.outcome-unknown requestId=" + unacknowledged.requestId() + " saleId=" + sale
                        + " partition=7 error=java.util.concurrent.TimeoutException");
    }

    @Test
    void saysWhyNotBeforeOrderProcessorReportedTheSale(CapturedOutput output) {
        PurchaseDecided known = decided();
        PurchaseRequested unacknowledged = requested();

        telemetry.answeredAgain(known);
        telemetry.producerFailed(new IllegalStateException("no metadata"), unacknowledged);

        assertThat(output.getOut())
                .contains("event=purchase.answered-again requestId=" + known.requestId() + " saleId=" + sale
                        + " partition=unknown:no-status-of-the-sale-heard status=")
                .contains("event=purchase.outcome-unknown requestId=" + unacknowledged.requestId() + " saleId=" + sale
                        + " partition=unknown:no-status-of-the-sale-heard error=");
    }

    private PurchaseDecided decided() {
        Instant now = Instant.now();
        return new PurchaseDecided(
                PurchaseDecided.VERSION,
                UUID.randomUUID(),
                sale,
                UUID.randomUUID(),
                PurchaseStatus.CONFIRMED,
                null,
                now,
                now);
    }

    private PurchaseRequested requested() {
        return new PurchaseRequested(
                PurchaseRequested.VERSION, UUID.randomUUID(), sale, UUID.randomUUID(), Instant.now());
    }
}
