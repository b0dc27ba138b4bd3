package com.flashsale.orders.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.orders.purchase.PurchaseLedger.Buyer;
import com.flashsale.orders.purchase.PurchaseLedger.Offsetted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PurchaseLedgerTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant END = Instant.parse("2026-11-25T11:00:00Z");
    private final UUID saleId = UUID.randomUUID();

    @Test
    void confirmsUntilTheStockIsGoneThenRejectsAsSoldOut() {
        PurchaseLedger ledger = ledger(2, Set.of(), Set.of());

        List<Decision> decisions = ledger.decide(requests(4, START.plusSeconds(1)));

        assertThat(decisions)
                .extracting(Decision::reason)
                .containsExactly(null, null, RejectionReason.SOLD_OUT, RejectionReason.SOLD_OUT);
        assertThat(ledger.remaining(saleId)).isZero();
    }

    @Test
    void rejectsSecondPurchaseBySameUserInTheSameBatchAndAcrossBatches() {
        UUID user = UUID.randomUUID();
        UUID earlierBuyer = UUID.randomUUID();
        PurchaseLedger ledger = ledger(10, Set.of(new Buyer(saleId, earlierBuyer)), Set.of());

        List<Decision> decisions = ledger.decide(
                List.of(offsetted(user, START, 0), offsetted(user, START, 1), offsetted(earlierBuyer, START, 2)));

        assertThat(decisions)
                .extracting(Decision::reason)
                .containsExactly(null, RejectionReason.ALREADY_PURCHASED, RejectionReason.ALREADY_PURCHASED);
        assertThat(ledger.remaining(saleId)).isEqualTo(9);
    }

    @Test
    void judgesTheWindowAtAcceptanceStartInclusiveEndExclusive() {
        PurchaseLedger ledger = ledger(10, Set.of(), Set.of());

        List<Decision> decisions = ledger.decide(List.of(
                offsetted(UUID.randomUUID(), START.minusMillis(1), 0),
                offsetted(UUID.randomUUID(), START, 1),
                offsetted(UUID.randomUUID(), END.minusMillis(1), 2),
                offsetted(UUID.randomUUID(), END, 3)));

        assertThat(decisions)
                .extracting(Decision::reason)
                .containsExactly(RejectionReason.SALE_NOT_ACTIVE, null, null, RejectionReason.SALE_NOT_ACTIVE);
    }

    @Test
    void skipsRequestsAlreadyDecidedSoAReplayChangesNothing() {
        List<Offsetted> batch = requests(3, START);
        UUID decidedBefore = batch.get(0).request().requestId();
        PurchaseLedger ledger = ledger(1, Set.of(), Set.of(decidedBefore));

        List<Offsetted> withDuplicate = new ArrayList<>(batch);
        withDuplicate.add(batch.get(1));
        List<Decision> decisions = ledger.decide(withDuplicate);

        assertThat(decisions)
                .extracting(d -> d.request().requestId())
                .containsExactly(
                        batch.get(1).request().requestId(),
                        batch.get(2).request().requestId());
        assertThat(decisions).extracting(Decision::reason).containsExactly(null, RejectionReason.SOLD_OUT);
    }

    @Test
    void soldOutSaleConfirmsNothingEvenForRequestsInsideTheWindow() {
        PurchaseLedger ledger = ledger(0, Set.of(), Set.of());

        assertThat(ledger.decide(requests(3, START))).allMatch(d -> d.reason() == RejectionReason.SOLD_OUT);
        assertThat(ledger.remaining(saleId)).isZero();
    }

    @Test
    void aCancelledSaleConfirmsNothingWheneverTheRequestWasAccepted() {
        SaleState cancelled = new SaleState(saleId, 10, 10, BigDecimal.TEN, "EUR", START, END, true);
        PurchaseLedger ledger = new PurchaseLedger(Map.of(saleId, cancelled), Set.of(), Set.of());

        List<Decision> decisions = ledger.decide(List.of(
                offsetted(UUID.randomUUID(), START, 0),
                offsetted(UUID.randomUUID(), START.minusSeconds(1), 1),
                offsetted(UUID.randomUUID(), END.minusMillis(1), 2)));

        assertThat(decisions).extracting(Decision::reason).containsOnly(RejectionReason.SALE_CANCELLED);
        assertThat(ledger.remaining(saleId)).isEqualTo(10);
    }

    private PurchaseLedger ledger(int remaining, Set<Buyer> buyers, Set<UUID> decided) {
        SaleState sale = new SaleState(saleId, Math.max(remaining, 1), remaining, BigDecimal.TEN, "EUR", START, END);
        return new PurchaseLedger(Map.of(saleId, sale), buyers, decided);
    }

    private List<Offsetted> requests(int n, Instant acceptedAt) {
        List<Offsetted> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(offsetted(UUID.randomUUID(), acceptedAt, i));
        }
        return requests;
    }

    private Offsetted offsetted(UUID user, Instant acceptedAt, long offset) {
        return new Offsetted(
                new PurchaseRequested(PurchaseRequested.VERSION, UUID.randomUUID(), saleId, user, acceptedAt), offset);
    }
}
