package com.flashsale.edge.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WaitingPurchasesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final QueueProgress progress = new QueueProgress();
    private final OutcomeBook outcomes = new OutcomeBook(100);
    private final WaitingPurchases watch = new WaitingPurchases(2, Duration.ofMinutes(10), outcomes);
    private final UUID shopper = UUID.randomUUID();
    private final UUID sale = UUID.randomUUID();
    private final List<PurchaseUpdate> sent = new ArrayList<>();

    @Test
    void sendsEachPlaceGainedOnceAndForgetsDecidedRequests() {
        UUID request = UUID.randomUUID();
        progress.applied(3, 100, 50.0);
        watch.admitted(
                WaitingPurchases.unclaimed(),
                request,
                shopper,
                sale,
                NOW,
                3,
                140,
                progress.positionOf(3, 140)); // place 41

        refresh();
        assertThat(sent).isEmpty(); // nothing moved yet

        progress.applied(3, 130, 50.0);
        refresh();
        refresh();
        assertThat(sent).singleElement().satisfies(update -> {
            assertThat(update.requestId()).isEqualTo(request);
            assertThat(update.status().name()).isEqualTo("QUEUED");
            assertThat(update.position()).isEqualTo(11L);
            assertThat(update.estimatedWaitMs()).isEqualTo(220L);
            assertThat(update.eventId()).isEqualTo(request + ":QUEUED:11");
        });

        progress.applied(3, 139, 50.0);
        decide(request); // the outcome arrived meanwhile: no more places
        refresh();
        assertThat(sent).hasSize(1);
        assertThat(watch.size()).isZero();
    }

    @Test
    void aRequestAdmittedBeforeItsPartitionsProgressWasKnownGetsItsFirstPlaceLater() {
        UUID request = UUID.randomUUID();
        watch.admitted(
                WaitingPurchases.unclaimed(),
                request,
                shopper,
                sale,
                NOW,
                5,
                10,
                progress.positionOf(5, 10)); // no place known

        progress.applied(5, 4, 0);
        refresh();

        assertThat(sent).extracting(PurchaseUpdate::position).containsExactly(7L);
    }

    @Test
    void watchesAtMostItsCapacity() {
        for (int i = 0; i < 5; i++) {
            watch.admitted(WaitingPurchases.unclaimed(), UUID.randomUUID(), shopper, sale, NOW, 1, i, null);
        }
        assertThat(watch.size()).isEqualTo(2);
        watch.decided(UUID.randomUUID()); // unknown: harmless
        assertThat(watch.size()).isEqualTo(2);
    }

    @Test
    void tellsAShopperOnlyTheirOwnWaitingRequestsUntilDecided() {
        UUID other = UUID.randomUUID();
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        watch.admitted(WaitingPurchases.unclaimed(), mine, shopper, sale, NOW, 1, 1, null);
        watch.admitted(WaitingPurchases.unclaimed(), theirs, other, sale, NOW.plusSeconds(1), 1, 2, null);

        assertThat(watch.waitingOf(shopper)).containsExactly(new WaitingPurchases.Queued(mine, sale, NOW));
        assertThat(watch.waitingOf(other))
                .extracting(WaitingPurchases.Queued::requestId)
                .containsExactly(theirs);

        watch.decided(mine);
        assertThat(watch.waitingOf(shopper)).isEmpty();
        assertThat(watch.waitingOf(other)).hasSize(1);
    }

    @Test
    void anOutcomeRecordedBeforeItsAcknowledgementLeavesNothingWaiting() {
        UUID request = UUID.randomUUID();
        outcomes.record(outcome(request)); // the outcome's listener ran first ...
        watch.decided(request);

        watch.admitted(
                WaitingPurchases.unclaimed(), request, shopper, sale, NOW, 1, 1, null); // ... then the ack's callback

        assertThat(watch.size()).isZero();
        assertThat(watch.waitingOf(shopper)).isEmpty();
        assertThat(watch.saleOf(request)).contains(sale);
    }

    @Test
    void knowsTheSaleOfAWaitingRequestAndOfADecidedOne() {
        UUID waitingOne = UUID.randomUUID();
        watch.admitted(WaitingPurchases.unclaimed(), waitingOne, shopper, sale, NOW, 1, 1, null);
        assertThat(watch.saleOf(waitingOne)).contains(sale);

        decide(waitingOne);
        assertThat(watch.saleOf(waitingOne)).contains(sale);
        assertThat(watch.saleOf(UUID.randomUUID())).isEmpty();
    }

    private void decide(UUID request) {
        outcomes.record(outcome(request));
        watch.decided(request);
    }

    private PurchaseDecided outcome(UUID request) {
        return new PurchaseDecided(
                PurchaseDecided.VERSION,
                request,
                sale,
                shopper,
                PurchaseStatus.CONFIRMED,
                null,
                NOW,
                NOW.plusMillis(5));
    }

    private void refresh() {
        watch.refresh(progress, (user, update) -> {
            assertThat(user).isEqualTo(shopper);
            sent.add(update);
        });
    }
}
