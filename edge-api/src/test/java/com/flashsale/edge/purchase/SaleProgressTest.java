package com.flashsale.edge.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaleProgressTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private final SaleProgress.Sale sale =
            new SaleProgress.Sale(UUID.randomUUID(), 5, 2, START, START.plusSeconds(3600), "ACTIVE");

    @Test
    void buildsOneSecondPerSecondFromTheStartWithUnitsSoldSoFar() {
        SaleProgress.Stored stored = new SaleProgress.Stored(
                List.of(
                        new SaleProgress.Counts(START, 4, 1, 0),
                        new SaleProgress.Counts(START.plusSeconds(2), 3, 2, 1)),
                3,
                Map.of("SOLD_OUT", 1L));

        SaleProgress progress = SaleProgress.of(sale, stored, Map.of(), START.plusMillis(3_400), null);

        assertThat(progress.series())
                .containsExactly(
                        new SaleProgress.Second(START, 1, 4, 0),
                        new SaleProgress.Second(START.plusSeconds(1), 1, 0, 0),
                        new SaleProgress.Second(START.plusSeconds(2), 3, 3, 1),
                        new SaleProgress.Second(START.plusSeconds(3), 3, 0, 0));
        assertThat(progress.sold()).isEqualTo(3);
        assertThat(progress.requestsPerSecond())
                .as("the complete seconds 0 to 2, not the one in progress")
                .isEqualTo(7 / 3.0);
    }

    @Test
    void mergesTheEdgesRefusalsIntoTheStoredRejectionsAndKeepsThemApartToo() {
        SaleProgress.Stored stored =
                new SaleProgress.Stored(List.of(), 0, Map.of("SOLD_OUT", 2L, "ALREADY_PURCHASED", 1L));

        SaleProgress progress = SaleProgress.of(
                sale, stored, Map.of("SOLD_OUT", 40L, "TOO_MANY_REQUESTS", 7L), START.plusSeconds(1), null);

        assertThat(progress.refusals())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("SOLD_OUT", 42L, "ALREADY_PURCHASED", 1L, "TOO_MANY_REQUESTS", 7L));
        assertThat(progress.edgeRefusals())
                .containsExactlyInAnyOrderEntriesOf(Map.of("SOLD_OUT", 40L, "TOO_MANY_REQUESTS", 7L));
    }

    @Test
    void startsAtTheFirstRequestWhenItCameBeforeTheStartAndKeepsAtMostTenMinutes() {
        SaleProgress.Stored early =
                new SaleProgress.Stored(List.of(new SaleProgress.Counts(START.minusSeconds(3), 1, 0, 1)), 0, Map.of());
        assertThat(SaleProgress.of(sale, early, Map.of(), START, null)
                        .series()
                        .get(0)
                        .at())
                .isEqualTo(START.minusSeconds(3));

        Instant later = START.plusSeconds(3600);
        // Units sold before the window still count in "sold so far".
        SaleProgress.Stored old = new SaleProgress.Stored(
                List.of(new SaleProgress.Counts(SaleProgress.readFrom(later), 2, 1, 0)), 4, Map.of());
        SaleProgress progress = SaleProgress.of(sale, old, Map.of(), later.plusMillis(500), null);
        assertThat(progress.series()).hasSize(600);
        assertThat(progress.series().get(0)).isEqualTo(new SaleProgress.Second(later.minusSeconds(599), 4, 2, 0));
        assertThat(progress.series().get(599).at()).isEqualTo(later);
    }

    @Test
    void answersOnlyTheSecondsSinceWhenAsked() {
        SaleProgress.Stored stored =
                new SaleProgress.Stored(List.of(new SaleProgress.Counts(START, 2, 2, 0)), 2, Map.of());

        SaleProgress progress = SaleProgress.of(sale, stored, Map.of(), START.plusSeconds(5), START.plusMillis(3_900));

        assertThat(progress.series())
                .extracting(SaleProgress.Second::at)
                .containsExactly(START.plusSeconds(3), START.plusSeconds(4), START.plusSeconds(5));
        assertThat(progress.series().get(0).sold()).isEqualTo(2);
        assertThat(progress.requestsPerSecond()).isEqualTo(2 / 5.0);
    }

    @Test
    void anUpcomingSaleWithoutRequestsHasNoSeriesYet() {
        SaleProgress.Stored none = new SaleProgress.Stored(List.of(), 0, Map.of());

        SaleProgress progress = SaleProgress.of(sale, none, Map.of(), START.minusSeconds(60), null);

        assertThat(progress.series()).isEmpty();
        assertThat(progress.requestsPerSecond()).isZero();
    }
}
