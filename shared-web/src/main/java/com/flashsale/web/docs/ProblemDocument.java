package com.flashsale.web.docs;

import com.flashsale.web.ApiProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The shape of every error answer of the platform, for the OpenAPI document only. */
@Schema(
        name = ApiConventions.PROBLEM_SCHEMA,
        description = "RFC 9457 problem details: every error of every route has this shape"
                + " (media type application/problem+json). `reason` is the stable code to act on;"
                + " `type` is derived from it.")
record ProblemDocument(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Stable per reason: https://flashsale.dev/problems/ and the reason in kebab case.",
                example = "https://flashsale.dev/problems/sold-out")
        URI type,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The status's phrase.", example = "Conflict")
        String title,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "409")
        int status,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "What went wrong, for people.",
                example = "The sale is sold out.")
        String detail,

        @Schema(description = "The path that was asked for.", example = "/api/sales/3f0c.../purchases")
        URI instance,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The machine-readable reason, e.g. VALIDATION_FAILED, UNAUTHENTICATED,"
                        + " FORBIDDEN, SOLD_OUT, ALREADY_PURCHASED.",
                example = "SOLD_OUT")
        String reason,

        @Schema(description = "Only for VALIDATION_FAILED: every wrong field of the request.")
        List<ApiProblem.FieldProblem> errors,

        @Schema(
                description = "Only for 503 OUTCOME_UNKNOWN on a purchase: the request id a retry with the"
                        + " same Idempotency-Key will have.")
        UUID requestId) {}
