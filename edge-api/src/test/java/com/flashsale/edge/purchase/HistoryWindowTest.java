package com.flashsale.edge.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryWindowTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final UUID SHOPPER = UUID.randomUUID();

    private final PurchaseEntry older = queued(T0);
    private final PurchaseEntry newer = queued(T0.plusSeconds(5));
    private final PurchaseEntry newest = queued(T0.plusSeconds(9));

    @Test
    void listsQueuedRequestsFirstNewestFirstThenTheStoredOnes() {
        HistoryWindow window = HistoryWindow.of(List.of(older, newest, newer), 0, 2);

        assertThat(window.queued()).containsExactly(newest, newer);
        assertThat(window.storedLimit()).isZero();
    }

    @Test
    void aPageAcrossTheBorderTakesTheLastQueuedAndTheFirstStored() {
        HistoryWindow window = HistoryWindow.of(List.of(older, newest, newer), 1, 2);

        assertThat(window.queued()).containsExactly(older);
        assertThat(window.storedOffset()).isZero();
        assertThat(window.storedLimit()).isEqualTo(1);
    }

    @Test
    void aPagePastTheQueuedOnesReadsTheStoredOnesShiftedByTheirCount() {
        HistoryWindow window = HistoryWindow.of(List.of(older, newest, newer), 3, 2);

        assertThat(window.queued()).isEmpty();
        assertThat(window.storedOffset()).isEqualTo(3);
        assertThat(window.storedLimit()).isEqualTo(2);
        PurchaseEntry stored = queued(T0.minusSeconds(60));
        assertThat(window.page(List.of(stored))).containsExactly(stored);
    }

    @Test
    void withNothingQueuedThePageIsTheStoredPage() {
        HistoryWindow window = HistoryWindow.of(List.of(), 4, 20);

        assertThat(window.storedOffset()).isEqualTo(80);
        assertThat(window.storedLimit()).isEqualTo(20);
    }

    private static PurchaseEntry queued(Instant acceptedAt) {
        return PurchaseEntry.queued(
                SHOPPER, new WaitingPurchases.Queued(UUID.randomUUID(), UUID.randomUUID(), acceptedAt));
    }
}
