package com.flashsale.catalog.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SaleDefinitionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void acceptsAWindowEndingInTheFutureWithPositiveStock() {
        assertThat(SaleDefinition.problems(BigDecimal.TEN, 100, NOW, NOW.plusSeconds(60), NOW))
                .isEmpty();
    }

    @Test
    void namesEveryProblemOfAnInvalidSale() {
        assertThat(SaleDefinition.problems(new BigDecimal("-1"), 0, NOW, NOW, NOW))
                .containsExactly(
                        "price must not be negative",
                        "stock must be between 1 and 10000000",
                        "endsAt must be after startsAt",
                        "endsAt must be in the future");
    }
}
