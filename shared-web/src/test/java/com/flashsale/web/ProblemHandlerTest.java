package com.flashsale.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Every kind of error a controller can meet leaves as the platform's problem details, naming no code. */
class ProblemHandlerTest {

    private final WebTestClient http = WebTestClient.bindToController(new Things())
            .controllerAdvice(new ProblemHandler())
            .build();

    @Test
    void validationNamesEveryWrongField() {
        http.post()
                .uri("/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"\", \"count\": 0}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://flashsale.dev/problems/validation-failed")
                .jsonPath("$.reason")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[*].field")
                .value(fields -> org.assertj.core.api.Assertions.assertThat(fields.toString())
                        .contains("name", "count"))
                .jsonPath("$.instance")
                .isEqualTo("/things");
    }

    @Test
    void malformedJsonIsA400WithAReasonAndNoClassName() {
        http.post()
                .uri("/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("MALFORMED_BODY")
                .jsonPath("$.detail")
                .value(detail -> org.assertj.core.api.Assertions.assertThat(detail.toString())
                        .doesNotContain("Exception", "tools.jackson", "com.flashsale"));
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"name\": \"" + "x".repeat(300_000) + "\", \"count\": 1}";
        http.post()
                .uri("/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(huge)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("CONTENT_TOO_LARGE");
    }

    @Test
    void aPathVariableOfTheWrongTypeNamesTheParameter() {
        http.get()
                .uri("/things/not-a-uuid")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("id");
    }

    @Test
    void unexpectedErrorsAre500WithoutDetailsOfTheCause() {
        http.get()
                .uri("/things/" + UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("INTERNAL_ERROR")
                .jsonPath("$.detail")
                .isEqualTo("An unexpected error occurred.");
    }

    @Test
    void aWrongMethodKeepsItsStatusWithThePlatformsShape() {
        http.put()
                .uri("/things")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("METHOD_NOT_ALLOWED")
                .jsonPath("$.type")
                .isEqualTo("https://flashsale.dev/problems/method-not-allowed");
    }

    @Test
    void problemJsonEscapesWhatItWrites() {
        org.assertj.core.api.Assertions.assertThat(
                        ProblemJson.render(HttpStatus.CONFLICT, "SOLD_OUT", "a \"quoted\"\nline", "/x"))
                .isEqualTo(
                        "{\"type\":\"https://flashsale.dev/problems/sold-out\",\"title\":\"Conflict\",\"status\":409,"
                                + "\"detail\":\"a \\\"quoted\\\"\\u000aline\",\"reason\":\"SOLD_OUT\",\"instance\":\"/x\"}");
    }

    @RestController
    static class Things {
        @PostMapping("/things")
        Mono<String> add(@Valid @RequestBody Thing thing) {
            return Mono.just(thing.name());
        }

        @GetMapping("/things/{id}")
        Mono<String> one(@PathVariable UUID id) {
            return Mono.error(new IllegalStateException("SELECT secret FROM com.flashsale.Table"));
        }
    }

    record Thing(@NotBlank String name, @Min(1) int count) {}
}
