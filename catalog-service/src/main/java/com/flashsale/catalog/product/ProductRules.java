package com.flashsale.catalog.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/** The rules a product's fields keep, as plain checks that name every wrong field. */
public final class ProductRules {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 5000;
    /** numeric(12,2): ten digits before the point. */
    public static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    /**
     * A file in the edge's static {@code /images/} folder: segments of letters, digits, '_' and '-'
     * joined by single dots, so no {@code ..} and no other folder can be named.
     */
    public static final Pattern IMAGE_PATH =
            Pattern.compile("/images/[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.(png|jpg|jpeg|webp|svg)");

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private ProductRules() {}

    /** What is wrong with the draft, empty when it makes a valid product. */
    public static List<Violation> problems(ProductDraft draft) {
        List<Violation> problems = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            problems.add(new Violation("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(new Violation("name", "must be at most " + MAX_NAME + " characters"));
        } else if (CONTROL.matcher(name).find()) {
            problems.add(new Violation("name", "must be one line of text"));
        }
        if (draft.description() != null && draft.description().strip().length() > MAX_DESCRIPTION) {
            problems.add(new Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        String price = priceProblem(draft.listPrice());
        if (price != null) {
            problems.add(new Violation("listPrice", price));
        }
        if (draft.currency() == null || draft.currency().isBlank()) {
            problems.add(new Violation("currency", "is required"));
        } else if (!CURRENCY.matcher(draft.currency()).matches() || !isIsoCurrency(draft.currency())) {
            problems.add(new Violation("currency", "must be an ISO 4217 code such as EUR"));
        }
        if (draft.imagePath() != null && !draft.imagePath().isEmpty()) {
            if (draft.imagePath().length() > 300
                    || !IMAGE_PATH.matcher(draft.imagePath()).matches()) {
                problems.add(new Violation(
                        "imagePath", "must be a file under /images/ ending in .png, .jpg, .jpeg, .webp or .svg"));
            }
        }
        return problems;
    }

    /** What is wrong with an amount of money, or null: above zero, at most two decimals, in range. */
    public static String priceProblem(BigDecimal amount) {
        if (amount == null) {
            return "is required";
        }
        if (amount.signum() <= 0) {
            return "must be above 0";
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            return "must have at most 2 decimals";
        }
        if (amount.compareTo(MAX_PRICE) > 0) {
            return "must be at most " + MAX_PRICE;
        }
        return null;
    }

    /** The draft as a product, cleaned (trimmed text, an empty image as none, prices at two decimals). */
    public static Product toProduct(java.util.UUID id, ProductDraft draft) {
        return new Product(
                id,
                draft.name().strip(),
                draft.description() == null ? "" : draft.description().strip(),
                draft.listPrice().setScale(2),
                draft.currency(),
                draft.imagePath() == null || draft.imagePath().isEmpty() ? null : draft.imagePath(),
                null);
    }

    private static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
