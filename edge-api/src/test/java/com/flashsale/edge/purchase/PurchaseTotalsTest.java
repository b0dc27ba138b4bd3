package com.flashsale.edge.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurchaseTotalsTest {

    @Test
    void countsRequestsConfirmationsAndRejectionsByReasonAndSumsRevenuePerCurrency() {
        PurchaseTotals totals = PurchaseTotals.of(List.of(
                new PurchaseTotals.Group("CONFIRMED", null, "EUR", 3, new BigDecimal("29.97")),
                new PurchaseTotals.Group("CONFIRMED", null, "USD", 1, new BigDecimal("5.00")),
                new PurchaseTotals.Group("REJECTED", "SOLD_OUT", null, 40, null),
                new PurchaseTotals.Group("REJECTED", "ALREADY_PURCHASED", null, 2, null)));

        assertThat(totals.requests()).isEqualTo(46);
        assertThat(totals.confirmed()).isEqualTo(4);
        assertThat(totals.rejected()).isEqualTo(Map.of("SOLD_OUT", 40L, "ALREADY_PURCHASED", 2L));
        assertThat(totals.revenue())
                .containsExactly(
                        new PurchaseTotals.Money(new BigDecimal("29.97"), "EUR"),
                        new PurchaseTotals.Money(new BigDecimal("5.00"), "USD"));
    }

    @Test
    void nothingDecidedIsZeroEverywhere() {
        PurchaseTotals totals = PurchaseTotals.of(List.of());

        assertThat(totals.requests()).isZero();
        assertThat(totals.confirmed()).isZero();
        assertThat(totals.rejected()).isEmpty();
        assertThat(totals.revenue()).isEmpty();
    }
}
