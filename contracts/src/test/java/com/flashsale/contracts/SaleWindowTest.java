package com.flashsale.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.SaleWindow.Phase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaleWindowTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant END = Instant.parse("2026-11-25T11:00:00Z");
    private final SaleWindow window = new SaleWindow(START, END);

    @Test
    void opensAtItsStartInclusiveAndClosesAtItsEndExclusive() {
        assertThat(window.phaseAt(START.minusMillis(1))).isEqualTo(Phase.UPCOMING);
        assertThat(window.phaseAt(START)).isEqualTo(Phase.OPEN);
        assertThat(window.phaseAt(END.minusMillis(1))).isEqualTo(Phase.OPEN);
        assertThat(window.phaseAt(END)).isEqualTo(Phase.ENDED);
    }

    @Test
    void sellsOnlyWhileOpen() {
        assertThat(window.isOpenAt(START.minusNanos(1))).isFalse();
        assertThat(window.isOpenAt(START)).isTrue();
        assertThat(window.isOpenAt(END.minusNanos(1))).isTrue();
        assertThat(window.isOpenAt(END)).isFalse();
    }

    @Test
    void aSaleDefinitionJudgesItsWindowByTheSameRule() {
        SaleDefined sale = new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Lamp",
                BigDecimal.TEN,
                "EUR",
                5,
                START,
                END,
                1,
                START);

        assertThat(sale.window()).isEqualTo(window);
        assertThat(sale.isOpenAt(START)).isTrue();
        assertThat(sale.isOpenAt(END)).isFalse();
    }
}
