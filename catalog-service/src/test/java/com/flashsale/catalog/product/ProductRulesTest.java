package com.flashsale.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductRulesTest {

    private static final ProductDraft GOOD =
            new ProductDraft("Headphones", "Wireless.", new BigDecimal("249.00"), "EUR", "/images/headphones.png");

    @Test
    void acceptsAProductWithOrWithoutAnImage() {
        assertThat(ProductRules.problems(GOOD)).isEmpty();
        assertThat(ProductRules.problems(new ProductDraft("Cable", null, new BigDecimal("5"), "USD", null)))
                .isEmpty();
    }

    @Test
    void namesEveryWrongField() {
        assertThat(fields(new ProductDraft(" ", "x".repeat(5001), new BigDecimal("0"), "eur", "/images/x.gif")))
                .containsExactly("name", "description", "listPrice", "currency", "imagePath");
    }

    @Test
    void wantsAListPriceAboveZeroWithAtMostTwoDecimals() {
        assertThat(problemOf(withPrice(null))).isEqualTo("is required");
        assertThat(problemOf(withPrice("-1"))).isEqualTo("must be above 0");
        assertThat(problemOf(withPrice("1.234"))).isEqualTo("must have at most 2 decimals");
        assertThat(problemOf(withPrice("10000000000"))).startsWith("must be at most");
        assertThat(ProductRules.problems(withPrice("1.500"))).isEmpty();
    }

    @Test
    void wantsAKnownIsoCurrency() {
        assertThat(fields(draft("EUR"))).isEmpty();
        assertThat(fields(draft("XYZ"))).containsExactly("currency");
        assertThat(fields(draft("EURO"))).containsExactly("currency");
        assertThat(fields(draft(null))).containsExactly("currency");
    }

    @Test
    void wantsAnImageUnderImagesThatCannotClimbOut() {
        for (String bad : List.of(
                "/images/../secret.png",
                "/images/a/../../b.png",
                "/images/.png",
                "images/a.png",
                "https://elsewhere.example/a.png",
                "/images/a.png?x=1",
                "/images/a.exe",
                "/other/a.png")) {
            assertThat(fields(image(bad))).as(bad).containsExactly("imagePath");
        }
        for (String good : List.of("/images/a.png", "/images/demo-headphones.svg", "/images/a.b_c.jpeg", "")) {
            assertThat(fields(image(good))).as(good).isEmpty();
        }
    }

    @Test
    void namesMustBeOneLineOfText() {
        assertThat(fields(new ProductDraft("two\nlines", null, BigDecimal.ONE, "EUR", null)))
                .containsExactly("name");
    }

    private static ProductDraft withPrice(String price) {
        return new ProductDraft(
                GOOD.name(), GOOD.description(), price == null ? null : new BigDecimal(price), "EUR", null);
    }

    private static ProductDraft draft(String currency) {
        return new ProductDraft("A", null, BigDecimal.ONE, currency, null);
    }

    private static ProductDraft image(String path) {
        return new ProductDraft("A", null, BigDecimal.ONE, "EUR", path);
    }

    private static String problemOf(ProductDraft draft) {
        return ProductRules.problems(draft).get(0).message();
    }

    private static List<String> fields(ProductDraft draft) {
        return ProductRules.problems(draft).stream().map(Violation::field).toList();
    }
}
