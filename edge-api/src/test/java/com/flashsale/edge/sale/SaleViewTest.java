package com.flashsale.edge.sale;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.edge.sale.SaleView.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaleViewTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant END = Instant.parse("2026-11-25T11:00:00Z");
    private final SaleDefined sale = new SaleDefined(
            SaleDefined.VERSION,
            UUID.randomUUID(),
            UUID.randomUUID(),
            "p",
            new BigDecimal("9.00"),
            "EUR",
            10,
            START,
            END,
            1,
            START,
            new BigDecimal("15.00"),
            null);

    @Test
    void saysWhereTheSaleStandsNow() {
        assertThat(SaleView.of(sale, null, START.minusMillis(1)).status()).isEqualTo(Status.UPCOMING);
        assertThat(SaleView.of(sale, 3, START).status()).isEqualTo(Status.ACTIVE);
        assertThat(SaleView.of(sale, 0, START).status()).isEqualTo(Status.SOLD_OUT);
        assertThat(SaleView.of(sale, 3, END).status()).isEqualTo(Status.ENDED);
        assertThat(SaleView.of(sale.cancel(START), 3, START).status()).isEqualTo(Status.CANCELLED);
        assertThat(SaleView.of(sale.cancel(START), 0, END).status()).isEqualTo(Status.CANCELLED);
    }

    @Test
    void showsTheListAndSalePriceAndTheStockLeft() {
        SaleView view = SaleView.of(sale, 4, START);

        assertThat(view.listPrice()).isEqualByComparingTo("15.00");
        assertThat(view.price()).isEqualByComparingTo("9.00");
        assertThat(view.stock()).isEqualTo(10);
        assertThat(view.remaining()).isEqualTo(4);
        assertThat(SaleView.of(sale, null, START).remaining()).isEqualTo(10);
    }

    @Test
    void movesTheReportedRemainingByAStockChangeTheProcessorHasNotReportedYet() {
        SaleDirectory directory = new SaleDirectory();
        directory.define(sale);
        directory.report(new SaleStatusChanged(SaleStatusChanged.VERSION, sale.saleId(), 10, 0, -1, -1, 0, START));
        assertThat(directory.remaining(sale.saleId())).isZero();

        directory.define(sale.withStock(14, START));
        assertThat(directory.remaining(sale.saleId())).isEqualTo(4);

        directory.define(sale.withStock(14, START).withStock(6, START));
        assertThat(directory.remaining(sale.saleId())).isZero();

        // Once order-processor reports the new stock, its figure holds as it is.
        directory.report(new SaleStatusChanged(
                SaleStatusChanged.VERSION, sale.saleId(), 10, 0, -1, -1, 0, START.plusSeconds(1)));
        directory.report(
                new SaleStatusChanged(SaleStatusChanged.VERSION, sale.saleId(), 6, 1, -1, -1, 0, START.plusSeconds(2)));
        assertThat(directory.remaining(sale.saleId())).isEqualTo(1);
    }

    @Test
    void showsTheSoldOutTimeOnlyWhileNoUnitIsLeftAndTheWatchers() {
        Instant soldOut = START.plusMillis(600);

        SaleView gone = SaleView.of(sale, 0, END, soldOut, 42);
        SaleView back = SaleView.of(sale, 1, START.plusSeconds(5), soldOut, 3);

        assertThat(gone.soldOutAt()).as("also once the sale ended").isEqualTo(soldOut);
        assertThat(gone.watching()).isEqualTo(42);
        assertThat(back.soldOutAt()).as("a unit came back").isNull();
    }
}
