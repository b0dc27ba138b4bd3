package com.flashsale.testing.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls every operation of an API document as one kind of caller and reports each answer that
 * contradicts the operation's declared access. Requests carry no real data (unknown ids, empty
 * bodies), so a walk changes nothing: the answer that matters is whether the route let the caller
 * in. "Let in" means the route itself answered: not 401, not 403, and not a 404 or 405 of a route
 * that is not there (those have no domain reason).
 */
public final class AccessWalk {

    /** Who calls: no token, a shopper, a shopper whose account was disabled, an admin. */
    public enum Caller {
        NO_TOKEN,
        USER,
        DISABLED_USER,
        ADMIN
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> NO_ROUTE_REASONS = Set.of("NOT_FOUND", "METHOD_NOT_ALLOWED");

    private final String baseUrl;

    public AccessWalk(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/$", "");
    }

    /** Every operation called as {@code caller} with {@code token} (null for none); the contradictions found. */
    public List<String> walk(ApiDocument document, Caller caller, String token) {
        List<String> contradictions = new ArrayList<>();
        for (DocumentedOperation operation : document.operations()) {
            Answer answer = call(operation, token);
            String expected = expected(operation, caller);
            if (!meets(expected, answer)) {
                contradictions.add(operation + " as " + caller + ": expected " + expected + ", got " + answer);
            }
        }
        return contradictions;
    }

    static String expected(DocumentedOperation operation, Caller caller) {
        if (!operation.needsToken()) {
            // A stale token on an open route may be refused as such (401) or ignored; never "forbidden".
            return caller == Caller.DISABLED_USER ? "let in or 401" : "let in";
        }
        return switch (caller) {
            case NO_TOKEN, DISABLED_USER -> "401";
            case USER -> operation.roles().isEmpty() || operation.roles().contains("USER") ? "let in" : "403";
            case ADMIN -> operation.roles().isEmpty() || operation.roles().contains("ADMIN") ? "let in" : "403";
        };
    }

    private static boolean meets(String expected, Answer answer) {
        return switch (expected) {
            case "401" -> answer.status == 401;
            case "403" -> answer.status == 403;
            case "let in or 401" -> answer.status == 401 || answer.letIn();
            default -> answer.letIn();
        };
    }

    private Answer call(DocumentedOperation operation, String token) {
        // Unknown ids: nothing is found, nothing is changed.
        String path = operation.path().replaceAll("\\{[^}]*}", UUID.randomUUID().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", operation.streams() ? "text/event-stream" : "application/json");
        if (operation.hasBody()) {
            request.header("Content-Type", "application/json")
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            // One connection per call: a stream is left unread, and here a keep-alive request sent right after
            // the previous answer now and then got no answer at all (edge-api on Reactor Netty 1.3.6; compare
            // reactor-netty#4361). The walk judges access, not connection reuse.
            HttpResponse<InputStream> response =
                    client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream body = response.body()) {
                // A stream (SSE) never ends: its status and headers are the answer.
                String text = type.startsWith("text/event-stream")
                        ? ""
                        : new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                return new Answer(
                        response.statusCode(),
                        reasonOf(text),
                        type + " " + text.substring(0, Math.min(200, text.length())));
            }
        } catch (IOException e) {
            return new Answer(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static String reasonOf(String body) {
        try {
            JsonNode reason = JSON.readTree(body).path("reason");
            return reason.isString() ? reason.asString() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** One answer: its status and, for a problem, its reason. */
    record Answer(int status, String reason, String excerpt) {

        boolean letIn() {
            boolean noSuchRoute =
                    (status == 404 || status == 405) && (reason == null || NO_ROUTE_REASONS.contains(reason));
            return status > 0 && status != 401 && status != 403 && !noSuchRoute;
        }

        @Override
        public String toString() {
            return status + (reason == null ? " (" + excerpt + ")" : " " + reason);
        }
    }
}
