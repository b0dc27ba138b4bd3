package com.flashsale.catalog.sale;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.catalog.product.Product;
import com.flashsale.catalog.product.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaleDefinitionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Product PRODUCT =
            new Product(UUID.randomUUID(), "Headphones", "", new BigDecimal("100.00"), "EUR", null);

    @Test
    void acceptsAWindowEndingInTheFutureWithPositiveStockBelowTheListPrice() {
        assertThat(SaleDefinition.problems(draft("99.99", 100, NOW, NOW.plusSeconds(60)), PRODUCT, 0, NOW))
                .isEmpty();
    }

    @Test
    void namesEveryProblemOfAnInvalidSale() {
        assertThat(SaleDefinition.problems(draft("-1", 0, NOW, NOW), PRODUCT, 0, NOW))
                .extracting(Violation::field)
                .containsExactly("price", "stock", "endsAt");
        assertThat(SaleDefinition.problems(new SaleDraft(null, null, null, null, null), null, 0, NOW))
                .extracting(Violation::field)
                .containsExactly("productId", "price", "stock", "startsAt", "endsAt");
    }

    @Test
    void wantsTheSalePriceBelowTheListPrice() {
        assertThat(messages(draft("100.00", 5, NOW, NOW.plusSeconds(60)), PRODUCT, 0))
                .containsExactly("price: must be below the list price 100.00");
        assertThat(messages(draft("0", 5, NOW, NOW.plusSeconds(60)), PRODUCT, 0))
                .containsExactly("price: must be above 0");
    }

    @Test
    void wantsAProductThatExists() {
        assertThat(messages(draft("1", 5, NOW, NOW.plusSeconds(60)), null, 0))
                .containsExactly("productId: names no product");
    }

    @Test
    void neverSetsTheStockBelowWhatIsSold() {
        assertThat(messages(draft("1", 6, NOW, NOW.plusSeconds(60)), PRODUCT, 7))
                .containsExactly("stock: must be at least the 7 units already sold");
        assertThat(messages(draft("1", 7, NOW, NOW.plusSeconds(60)), PRODUCT, 7))
                .isEmpty();
    }

    @Test
    void wantsAWindowThatEndsAfterItStartsAndInTheFuture() {
        assertThat(messages(draft("1", 5, NOW.minusSeconds(120), NOW.minusSeconds(60)), PRODUCT, 0))
                .containsExactly("endsAt: must be in the future");
        assertThat(messages(draft("1", 5, NOW.plusSeconds(60), NOW.plusSeconds(60)), PRODUCT, 0))
                .containsExactly("endsAt: must be after startsAt");
    }

    private static SaleDraft draft(String price, int stock, Instant start, Instant end) {
        return new SaleDraft(PRODUCT.id(), new BigDecimal(price), stock, start, end);
    }

    private static List<String> messages(SaleDraft draft, Product product, int sold) {
        return SaleDefinition.problems(draft, product, sold, NOW).stream()
                .map(v -> v.field() + ": " + v.message())
                .toList();
    }
}
