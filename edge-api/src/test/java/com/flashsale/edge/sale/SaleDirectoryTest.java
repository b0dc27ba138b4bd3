package com.flashsale.edge.sale;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaleDirectoryTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private final SaleDirectory directory = new SaleDirectory();

    @Test
    void aRehearsalSaleIsFoundByIdListedToNobodyAndForgottenWithItsStock() throws Exception {
        SaleDefined real = sale();
        SaleDefined rehearsal = sale();
        directory.define(real);

        AutoCloseable handle = directory.rehearse(rehearsal, status(rehearsal, 0));
        assertThat(directory.find(rehearsal.saleId())).contains(rehearsal);
        assertThat(directory.remaining(rehearsal.saleId())).isZero();
        assertThat(directory.all()).containsExactly(real);

        handle.close();
        assertThat(directory.find(rehearsal.saleId())).isEmpty();
        assertThat(directory.remaining(rehearsal.saleId())).isNull();
        assertThat(directory.all()).containsExactly(real);
    }

    private static SaleDefined sale() {
        return new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "p",
                new BigDecimal("9.00"),
                "EUR",
                10,
                START,
                START.plusSeconds(3600),
                1,
                START,
                new BigDecimal("15.00"),
                null);
    }

    private static SaleStatusChanged status(SaleDefined sale, int remaining) {
        return new SaleStatusChanged(
                SaleStatusChanged.VERSION, sale.saleId(), sale.stock(), remaining, 0, 0, 0.0, START);
    }
}
