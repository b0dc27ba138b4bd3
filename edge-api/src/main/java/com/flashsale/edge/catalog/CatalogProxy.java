package com.flashsale.edge.catalog;

import com.flashsale.web.ApiProblem;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Routes every {@code /api} path that edge-api does not answer itself to catalog-service, streaming
 * bodies both ways. More specific mappings (purchases, sales) win over this catch-all. Not in the
 * OpenAPI document itself: the catalog's own routes are, merged in by {@code PublicApiDocs}.
 */
@Hidden
@RestController
class CatalogProxy {

    // Hop-by-hop headers belong to one connection, not to the forwarded request.
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            // The edge is the public entry: what a client claims about forwarding is replaced, not passed on.
            "x-forwarded-for",
            "forwarded");

    private final String catalogUrl;
    private final WebClient catalog;

    CatalogProxy(@Value("${flashsale.catalog-url}") String catalogUrl) {
        this.catalogUrl = catalogUrl.endsWith("/") ? catalogUrl.substring(0, catalogUrl.length() - 1) : catalogUrl;
        // Bodies are streamed as buffers, never decoded: no codecs to configure.
        this.catalog = WebClient.create();
    }

    @RequestMapping({"/api/**", "/.well-known/jwks.json"})
    Mono<ResponseEntity<Flux<DataBuffer>>> forward(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        // The path and query go on as they came, already encoded: a URI object is never encoded again
        // (a template string would be, turning "%20" into "%2520").
        URI target = URI.create(catalogUrl
                + request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null
                        ? ""
                        : "?" + request.getURI().getRawQuery()));
        return catalog.method(request.getMethod())
                .uri(target)
                .headers(headers -> {
                    copy(request.getHeaders(), headers);
                    // catalog-service throttles sign-ins per client address: it needs the shopper's, not ours.
                    if (request.getRemoteAddress() != null
                            && request.getRemoteAddress().getAddress() != null) {
                        headers.set(
                                "X-Forwarded-For",
                                request.getRemoteAddress().getAddress().getHostAddress());
                    }
                    // The session cookie is Secure when the browser used https (docs/adr/0012); a proxy
                    // in front that ended TLS has said so already.
                    if ("https".equalsIgnoreCase(request.getURI().getScheme())
                            && !headers.containsHeader("X-Forwarded-Proto")) {
                        headers.set("X-Forwarded-Proto", "https");
                    }
                })
                .body((outputMessage, context) -> outputMessage.writeWith(request.getBody()))
                .retrieve()
                // Every status is the catalog's answer to pass on, not an error of the proxy.
                .onStatus(status -> true, response -> Mono.empty())
                // The body streams through: it is released only once the client has read it.
                .toEntityFlux(DataBuffer.class)
                .map(entity -> {
                    HttpHeaders headers = new HttpHeaders();
                    copy(entity.getHeaders(), headers);
                    return ResponseEntity.status(entity.getStatusCode())
                            .headers(headers)
                            .body(entity.getBody());
                })
                .timeout(Duration.ofSeconds(30))
                .onErrorMap(
                        java.util.concurrent.TimeoutException.class,
                        e -> new ApiProblem(
                                HttpStatus.GATEWAY_TIMEOUT,
                                "CATALOG_TIMEOUT",
                                "The catalog service did not answer in time."))
                .onErrorMap(
                        WebClientRequestException.class,
                        e -> new ApiProblem(
                                HttpStatus.BAD_GATEWAY,
                                "CATALOG_UNAVAILABLE",
                                "The catalog service is not reachable."));
    }

    private static void copy(HttpHeaders from, HttpHeaders to) {
        from.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                to.addAll(name, values);
            }
        });
    }
}
