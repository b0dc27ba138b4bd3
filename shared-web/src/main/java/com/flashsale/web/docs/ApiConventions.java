package com.flashsale.web.docs;

import com.flashsale.web.ApiProblem;
import com.flashsale.web.Problems;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * The platform's OpenAPI conventions, applied to each service's document: the bearer scheme, the
 * problem schema, each operation's {@link Access} as its security requirement (the roles as the
 * requirement's list, as OpenAPI 3.1 allows for non-OAuth schemes), and the refusals that every
 * route of that access shares.
 */
public final class ApiConventions implements OperationCustomizer, OpenApiCustomizer {

    /** The name of the bearer-token security scheme. */
    public static final String BEARER = "bearer";

    /** The name of the problem-details schema. */
    public static final String PROBLEM_SCHEMA = "ProblemDetail";

    static final String PROBLEM_JSON = "application/problem+json";

    private static final String ADMIN_PATHS = "/api/admin/";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Access access = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(), Access.class);
        if (access == null) {
            access = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(), Access.class);
        }
        if (access != null) {
            operation.setSecurity(requirementOf(access.value()));
        }
        List<ProblemResponse> problems = new ArrayList<>(AnnotatedElementUtils.findMergedRepeatableAnnotations(
                handlerMethod.getBeanType(), ProblemResponse.class, ProblemResponse.List.class));
        problems.addAll(AnnotatedElementUtils.findMergedRepeatableAnnotations(
                handlerMethod.getMethod(), ProblemResponse.class, ProblemResponse.List.class));
        problems.forEach(p -> addProblem(operation, p.status(), p.reason(), p.detail(), null));
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("An access token from `POST /api/auth/login`: send"
                                + " `{\"username\": ..., \"password\": ...}`, copy `token` from the answer, press"
                                + " **Authorize** and paste it (without the word Bearer). It is valid until the"
                                + " answer's `expiresAt`. A route's lock says it needs a token; the role it needs,"
                                + " if any, is listed in its security requirement."));
        boolean openapi31 = openApi.getSpecVersion() == SpecVersion.V31;
        ModelConverters.getInstance(openapi31)
                .readAll(new AnnotatedType(ProblemDocument.class))
                .forEach(components::addSchemas);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperations().forEach(operation -> {
                    if (operation.getSecurity() == null) {
                        operation.setSecurity(
                                requirementOf(path.startsWith(ADMIN_PATHS) ? Audience.ADMIN : Audience.SIGNED_IN));
                    }
                    addSharedRefusals(operation);
                }));
    }

    /** The security requirement that says {@code audience}: none, a bearer token, or one with a role. */
    static List<SecurityRequirement> requirementOf(Audience audience) {
        return switch (audience) {
            case ANYONE -> new ArrayList<>();
            case SIGNED_IN -> new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER)));
            case ADMIN -> new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER, "ADMIN")));
        };
    }

    private static void addSharedRefusals(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        if (!security.isEmpty()) {
            addProblem(operation, 401, "UNAUTHENTICATED", "A valid bearer token is required.", null);
            boolean needsRole =
                    security.stream().flatMap(r -> r.values().stream()).anyMatch(roles -> !roles.isEmpty());
            if (needsRole) {
                addProblem(operation, 403, "FORBIDDEN", "This route needs another role.", null);
            }
        }
        boolean takesInput =
                (operation.getParameters() != null && !operation.getParameters().isEmpty())
                        || operation.getRequestBody() != null;
        if (takesInput
                && (operation.getResponses() == null
                        || !operation.getResponses().containsKey("400"))) {
            addProblem(
                    operation,
                    400,
                    Problems.VALIDATION_FAILED,
                    "Invalid request: name: must not be blank.",
                    List.of(new ApiProblem.FieldProblem("name", "must not be blank")));
        }
    }

    /** Documents one refusal: a problem response, with this reason among its examples. */
    static void addProblem(
            Operation operation, int status, String reason, String detail, List<ApiProblem.FieldProblem> errors) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        String code = String.valueOf(status);
        ApiResponse response = operation.getResponses().get(code);
        if (response == null) {
            response = new ApiResponse().description(HttpStatus.valueOf(status).getReasonPhrase());
            operation.getResponses().addApiResponse(code, response);
        }
        if (response.getContent() == null) {
            response.setContent(new Content());
        }
        // springdoc may have put the handler advice's generic problem JSON here: one media type for problems.
        response.getContent().remove(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        MediaType problems = response.getContent().get(PROBLEM_JSON);
        if (problems == null) {
            problems = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA));
            response.getContent().addMediaType(PROBLEM_JSON, problems);
        }
        if (problems.getExamples() != null && problems.getExamples().containsKey(reason)) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problems.typeOf(reason).toString());
        body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        body.put("reason", reason);
        if (errors != null) {
            body.put("errors", errors);
        }
        problems.addExamples(reason, new Example().summary(reason).value(body));
        if (response.getDescription() == null
                || response.getDescription().equals(HttpStatus.valueOf(status).getReasonPhrase())) {
            response.setDescription(HttpStatus.valueOf(status).getReasonPhrase() + ": " + reason);
        } else if (!response.getDescription().contains(reason)) {
            response.setDescription(response.getDescription() + ", " + reason);
        }
    }
}
