package com.flashsale.edge.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.web.Throttle;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PurchaseAdmissionsTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant NOW = START.plusSeconds(5);

    private final SaleDirectory sales = new SaleDirectory();
    private final OutcomeBook outcomes = new OutcomeBook(100);
    private final WaitingPurchases waiting = new WaitingPurchases(100, Duration.ofMinutes(10), outcomes);
    private final QueueProgress queue = new QueueProgress();
    private final EdgeRefusals refusals = new EdgeRefusals();
    private final PurchaseAdmissions admissions = new PurchaseAdmissions(
            sales,
            outcomes,
            waiting,
            queue,
            new ShopperChannels(),
            new RequestIds("a secret of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8)),
            new ShopperLimits(new Throttle.Rule(3, Duration.ofMinutes(1)), 100, 1),
            new SendWindow(10),
            refusals);
    private final UUID shopper = UUID.randomUUID();
    private final SaleDefined sale = sale();

    @Test
    void admitsAPurchaseThatThenWaitsForItsOutcomeWithItsPlace() {
        sales.define(sale);
        queue.applied(0, 40, 10.0);

        var admitted = (PurchaseAdmissions.Admitted) admissions.admit(shopper, sale.saleId(), null, NOW);
        PurchaseUpdate queued = admitted.queued(0, 49);

        assertThat(admitted.purchase().acceptedAt()).isEqualTo(NOW);
        assertThat(queued.position()).isEqualTo(10L);
        assertThat(waiting.saleOf(admitted.purchase().requestId())).contains(sale.saleId());
        assertThat(waiting.waitingOf(shopper)).hasSize(1);
    }

    @Test
    void refusesBySalesRulesAndCountsTheRefusalForTheSale() {
        sales.define(sale);
        sales.report(new SaleStatusChanged(SaleStatusChanged.VERSION, sale.saleId(), sale.stock(), 0, 0, 50, 0.0, NOW));

        assertThat(admissions.admit(shopper, sale.saleId(), null, NOW))
                .isEqualTo(new PurchaseAdmissions.Refused(RejectionReason.SOLD_OUT, sale.saleId()));
        assertThat(refusals.of(sale.saleId())).containsEntry("SOLD_OUT", 1L);
    }

    @Test
    void turnsAwayUnknownSalesShoppersPastTheirLimitAndASecondRequestInFlight() {
        assertThat(admissions.admit(shopper, UUID.randomUUID(), null, NOW))
                .isEqualTo(new PurchaseAdmissions.TurnedAway(PurchaseAdmissions.TurnedAway.Why.SALE_NOT_FOUND, null));

        sales.define(sale);
        var first = admissions.admit(shopper, sale.saleId(), null, NOW); // holds the shopper's one in-flight slot
        assertThat(first).isInstanceOf(PurchaseAdmissions.Admitted.class);
        assertThat(admissions.admit(UUID.randomUUID(), sale.saleId(), null, NOW))
                .as("another shopper's own slot")
                .isInstanceOf(PurchaseAdmissions.Admitted.class);
        var second = (PurchaseAdmissions.TurnedAway) admissions.admit(shopper, sale.saleId(), null, NOW);
        assertThat(second.why()).isEqualTo(PurchaseAdmissions.TurnedAway.Why.TOO_MANY_IN_FLIGHT);
        admissions.admit(shopper, sale.saleId(), null, NOW); // the third of the shopper's burst of three

        var limited = (PurchaseAdmissions.TurnedAway) admissions.admit(shopper, sale.saleId(), null, NOW);
        assertThat(limited.why()).isEqualTo(PurchaseAdmissions.TurnedAway.Why.TOO_MANY_REQUESTS);
        assertThat(limited.retryAfter()).isPositive();
        assertThat(refusals.of(sale.saleId())).containsKey("TOO_MANY_REQUESTS");
    }

    @Test
    void answersARetryOfADecidedRequestWithItsOutcomeAndRefusesItsKeyForAnotherSale() {
        sales.define(sale);
        SaleDefined other = sale();
        sales.define(other);
        var admitted = (PurchaseAdmissions.Admitted) admissions.admit(shopper, sale.saleId(), "key-1", NOW);
        admitted.queued(0, 1);
        admitted.release();
        UUID requestId = admitted.purchase().requestId();

        var reused = admissions.admit(shopper, other.saleId(), "key-1", NOW);
        assertThat(reused)
                .isEqualTo(new PurchaseAdmissions.TurnedAway(
                        PurchaseAdmissions.TurnedAway.Why.IDEMPOTENCY_KEY_REUSED, null));

        PurchaseDecided decided = new PurchaseDecided(
                PurchaseDecided.VERSION,
                requestId,
                sale.saleId(),
                shopper,
                PurchaseStatus.CONFIRMED,
                null,
                NOW,
                NOW.plusMillis(3));
        outcomes.record(decided);
        waiting.decided(requestId);
        assertThat(admissions.admit(shopper, sale.saleId(), "key-1", NOW.plusSeconds(30)))
                .isEqualTo(new PurchaseAdmissions.AlreadyDecided(decided));
    }

    private static SaleDefined sale() {
        return new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "p",
                BigDecimal.ONE,
                "EUR",
                10,
                START,
                START.plusSeconds(3600),
                1,
                START,
                new BigDecimal("2.00"),
                null);
    }
}
