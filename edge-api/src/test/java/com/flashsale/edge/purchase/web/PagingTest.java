package com.flashsale.edge.purchase.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flashsale.web.ApiProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        assertThat(Paging.of(null, null)).isEqualTo(new Paging(0, 20));
    }

    @Test
    void acceptsTheBounds() {
        assertThat(Paging.of("100000", "100")).isEqualTo(new Paging(100_000, 100));
        assertThat(Paging.of("0", "1").offset()).isZero();
        assertThat(Paging.of("3", "25").offset()).isEqualTo(75);
    }

    @Test
    void namesEveryParameterOutOfBoundsOrNotANumber() {
        assertThatThrownBy(() -> Paging.of("-1", "101")).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.reason()).isEqualTo("VALIDATION_FAILED");
            assertThat(fields(problem)).containsExactly("page", "size");
        });
        assertThatThrownBy(() -> Paging.of("two", "0"))
                .isInstanceOfSatisfying(
                        ApiProblem.class, problem -> assertThat(fields(problem)).containsExactly("page", "size"));
        assertThatThrownBy(() -> Paging.of("1", "9999999999"))
                .isInstanceOfSatisfying(
                        ApiProblem.class, problem -> assertThat(fields(problem)).containsExactly("size"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ApiProblem problem) {
        return ((List<ApiProblem.FieldProblem>)
                        problem.getBody().getProperties().get("errors"))
                .stream().map(ApiProblem.FieldProblem::field).toList();
    }
}
