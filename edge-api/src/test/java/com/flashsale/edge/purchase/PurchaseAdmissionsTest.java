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
import java.util.ArrayList;
import java.util.List;
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
            refusals,
            new PurchaseAdmissions.ClaimBound(1.5, 4));
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

    @Test
    void claimsBoundTheRequestsWaitingForASaleAndComeBackWithTheirOutcomes() {
        sales.define(sale); // 10 units, not reported yet: 1.5 claims per unit of the stock
        List<UUID> waitingIds = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            var admitted = (PurchaseAdmissions.Admitted) admissions.admit(UUID.randomUUID(), sale.saleId(), null, NOW);
            admitted.queued(0, i);
            admitted.release();
            waitingIds.add(admitted.purchase().requestId());
        }
        assertThat(waiting.claimed(sale.saleId())).isEqualTo(15);

        var away = (PurchaseAdmissions.TurnedAway) admissions.admit(shopper, sale.saleId(), "key-1", NOW);
        assertThat(away.why()).isEqualTo(PurchaseAdmissions.TurnedAway.Why.UNITS_CLAIMED);
        assertThat(away.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refusals.of(sale.saleId())).containsEntry("UNITS_CLAIMED", 1L);
        assertThat(waiting.claimed(sale.saleId()))
                .as("nothing held for a request turned away")
                .isEqualTo(15);

        // An outcome heard gives its claim back: the next shopper is admitted.
        UUID decidedId = waitingIds.get(0);
        outcomes.record(new PurchaseDecided(
                PurchaseDecided.VERSION,
                decidedId,
                sale.saleId(),
                UUID.randomUUID(),
                PurchaseStatus.REJECTED,
                RejectionReason.ALREADY_PURCHASED,
                NOW,
                NOW.plusMillis(3)));
        waiting.decided(decidedId);
        assertThat(waiting.claimed(sale.saleId())).isEqualTo(14);
        var admitted = (PurchaseAdmissions.Admitted) admissions.admit(shopper, sale.saleId(), "key-1", NOW);
        admitted.queued(0, 20);
        admitted.release();
        assertThat(waiting.claimed(sale.saleId())).isEqualTo(15);

        // A retry of a request that waits here is sent again without a second claim, even when all are taken.
        var retry = admissions.admit(shopper, sale.saleId(), "key-1", NOW.plusSeconds(2));
        assertThat(retry).isInstanceOf(PurchaseAdmissions.Admitted.class);
        ((PurchaseAdmissions.Admitted) retry).queued(0, 21);
        ((PurchaseAdmissions.Admitted) retry).release();
        assertThat(waiting.claimed(sale.saleId())).isEqualTo(15);

        // The units left as order-processor reports them set the bound: 2 left make 3, raised to the least (4).
        sales.report(new SaleStatusChanged(SaleStatusChanged.VERSION, sale.saleId(), sale.stock(), 2, 8, 50, 0.0, NOW));
        assertThat(admissions.claimBound(sale, sales.remaining(sale.saleId()))).isEqualTo(4);
        assertThat(admissions.claimBound(sale, 100)).isEqualTo(150);
    }

    @Test
    void aRequestNeverSentGivesItsClaimBack() {
        sales.define(sale);
        var admitted = (PurchaseAdmissions.Admitted) admissions.admit(shopper, sale.saleId(), null, NOW);
        assertThat(waiting.claimed(sale.saleId())).isEqualTo(1);

        admitted.release(); // Kafka refused it, or the shopper went away: no 202

        assertThat(waiting.claimed(sale.saleId())).isZero();
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
