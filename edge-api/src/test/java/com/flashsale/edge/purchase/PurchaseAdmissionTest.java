package com.flashsale.edge.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.SaleDefined;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PurchaseAdmissionTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant END = Instant.parse("2026-11-25T11:00:00Z");
    private final SaleDefined sale = new SaleDefined(
            SaleDefined.VERSION,
            UUID.randomUUID(),
            UUID.randomUUID(),
            "p",
            BigDecimal.ONE,
            "EUR",
            10,
            START,
            END,
            1,
            START);

    @Test
    void admitsInsideTheWindowFromStartInclusiveToEndExclusive() {
        assertThat(PurchaseAdmission.refusal(sale, START.minusMillis(1), null, false))
                .isEqualTo(RejectionReason.SALE_NOT_ACTIVE);
        assertThat(PurchaseAdmission.refusal(sale, START, null, false)).isNull();
        assertThat(PurchaseAdmission.refusal(sale, END.minusMillis(1), 1, false))
                .isNull();
        assertThat(PurchaseAdmission.refusal(sale, END, null, false)).isEqualTo(RejectionReason.SALE_NOT_ACTIVE);
    }

    @Test
    void refusesWhatItKnowsIsSoldOutOrAlreadyBought() {
        assertThat(PurchaseAdmission.refusal(sale, START, 0, false)).isEqualTo(RejectionReason.SOLD_OUT);
        assertThat(PurchaseAdmission.refusal(sale, START, 5, true)).isEqualTo(RejectionReason.ALREADY_PURCHASED);
    }

    @Test
    void refusesACancelledSaleWhateverItsWindowAndStock() {
        SaleDefined cancelled = sale.cancel(START.plusSeconds(5));

        assertThat(PurchaseAdmission.refusal(cancelled, START.plusSeconds(10), 5, false))
                .isEqualTo(RejectionReason.SALE_CANCELLED);
        assertThat(PurchaseAdmission.refusal(cancelled, END, 0, true)).isEqualTo(RejectionReason.SALE_CANCELLED);
    }

    @Test
    void placesARequestInItsPartitionsQueue() {
        QueueProgress progress = new QueueProgress();
        assertThat(progress.positionOf(3, 149)).isNull();

        progress.applied(3, 100, 50.0);
        progress.applied(3, 90, 0); // an older status, delivered late, never moves the queue back

        QueuePosition position = progress.positionOf(3, 149);
        assertThat(position.position()).isEqualTo(50);
        assertThat(position.estimatedWaitMs()).isEqualTo(1000);
    }
}
