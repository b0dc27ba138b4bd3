package com.flashsale.edge.web;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The security headers of every answer of the edge, web UI and API alike: a Content-Security-Policy
 * (the UI's own, or Swagger UI's on the docs paths), no MIME sniffing, no framing, and referrers
 * only to this origin in full. Set just before the answer is committed, so that nothing forwarded
 * from the catalog replaces them. The policies are computed once at start.
 */
@Component
class SecurityHeaders implements WebFilter {

    private final String pagePolicy;

    SecurityHeaders(@Value("${flashsale.web.static-dir}") Path staticDir) {
        this.pagePolicy = ContentSecurityPolicy.forPages(staticDir);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(
                    "Content-Security-Policy",
                    isDocs(exchange.getRequest().getPath().value()) ? ContentSecurityPolicy.DOCS : pagePolicy);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean isDocs(String path) {
        return path.startsWith("/docs")
                || path.startsWith("/swagger-ui/")
                || path.startsWith("/webjars/")
                || path.startsWith("/v3/api-docs");
    }
}
