package com.flashsale.edge.purchase.web;

import com.flashsale.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code page} (from 0) and {@code size} query parameters of a paged route, read after the
 * caller is known, so that a caller without the right is told so before being told the page is wrong.
 */
record Paging(int page, int size) {

    static final int MAX_PAGE = 100_000;
    static final int MAX_SIZE = 100;
    static final int DEFAULT_SIZE = 20;

    /** The paging asked for; a 400 naming every parameter that is not a whole number in its bounds. */
    static Paging of(String page, String size) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        int pageNumber = parse(page, 0, 0, MAX_PAGE, "page", problems);
        int pageSize = parse(size, DEFAULT_SIZE, 1, MAX_SIZE, "size", problems);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return new Paging(pageNumber, pageSize);
    }

    long offset() {
        return (long) page * size;
    }

    private static int parse(
            String text, int fallback, int min, int max, String name, List<ApiProblem.FieldProblem> problems) {
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below, as an out-of-bounds value is
        }
        problems.add(new ApiProblem.FieldProblem(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
