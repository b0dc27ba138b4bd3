package com.flashsale.edge.sale;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SoldOutTimesTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private final SaleDirectory directory = new SaleDirectory();
    private final SoldOutTimes times = new SoldOutTimes();
    private final SaleDefined sale = sale(2);
    private final SaleDefined other = sale(5);

    @Test
    void asksForTheTimeOfASaleOnlyOnceItsStockIsGoneAndOnlyUntilItIsKnown() {
        directory.define(sale);
        directory.define(other);
        assertThat(times.toLearn(directory)).as("no stock reported yet").isEmpty();

        report(sale, 2, 1, START.plusMillis(100));
        report(other, 5, 4, START.plusMillis(100));
        assertThat(times.toLearn(directory)).isEmpty();

        report(sale, 2, 0, START.plusMillis(600));
        assertThat(times.toLearn(directory)).containsExactly(sale.saleId());
        assertThat(times.of(sale.saleId())).isNull();

        times.learned(sale.saleId(), START.plusMillis(550));
        assertThat(times.toLearn(directory)).isEmpty();
        assertThat(times.of(sale.saleId())).isEqualTo(START.plusMillis(550));
        assertThat(times.of(other.saleId())).isNull();
    }

    @Test
    void forgetsTheTimeWhenTheStockRisesAgainAndLearnsTheNextSellOut() {
        directory.define(sale);
        report(sale, 2, 0, START.plusMillis(600));
        times.learned(sale.saleId(), START.plusMillis(550));

        directory.define(sale.withStock(3, START.plusSeconds(5)));
        assertThat(times.toLearn(directory)).isEmpty();
        assertThat(times.of(sale.saleId())).as("one unit is back").isNull();

        report(directory.find(sale.saleId()).orElseThrow(), 3, 0, START.plusSeconds(9));
        assertThat(times.toLearn(directory)).containsExactly(sale.saleId());
    }

    @Test
    void aSaleThatNeverConfirmedAUnitIsKnownToHaveNoTime() {
        directory.define(sale);
        report(sale, 2, 0, START.plusMillis(600));

        times.learned(sale.saleId(), null);

        assertThat(times.toLearn(directory)).isEmpty();
        assertThat(times.of(sale.saleId())).isNull();
    }

    private void report(SaleDefined of, int stock, int remaining, Instant at) {
        directory.report(
                new SaleStatusChanged(SaleStatusChanged.VERSION, of.saleId(), stock, remaining, 0, 10, 100.0, at));
    }

    private static SaleDefined sale(int stock) {
        return new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "p",
                new BigDecimal("9.00"),
                "EUR",
                stock,
                START,
                START.plusSeconds(3600),
                1,
                START);
    }
}
