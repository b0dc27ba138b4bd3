package com.flashsale.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a problem straight to a response, for the places that answer before any controller runs
 * (security entry points, filters, the purchase route's templates). The JSON is the same as the
 * handler's: {@code type, title, status, detail, instance, reason}.
 */
public final class ProblemJson {

    private ProblemJson() {}

    /** Answers the exchange with this problem, the request's path as its instance. */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String reason, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = render(
                        status, reason, detail, exchange.getRequest().getPath().value())
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The problem as JSON text. */
    public static String render(HttpStatusCode status, String reason, String detail, String instance) {
        return head(status, reason, detail) + quote(instance) + "}";
    }

    /**
     * Everything of the JSON but the instance's value and the closing brace: a template for routes that
     * answer the same problem very often and append {@code instance + "\"}"}.
     */
    public static String head(HttpStatusCode status, String reason, String detail) {
        return "{\"type\":" + quote(Problems.typeOf(reason).toString())
                + ",\"title\":" + quote(Problems.title(status))
                + ",\"status\":" + status.value()
                + ",\"detail\":" + quote(detail)
                + ",\"reason\":" + quote(reason)
                + ",\"instance\":";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
