package com.flashsale.edge.security;

import com.flashsale.auth.TokenVerifier;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Verifies a bearer token once per request and leaves the caller in the exchange. A plain filter,
 * not the Spring Security chain: the purchase route is the hot path, and the verifier caches
 * verified tokens until they expire (see docs/adr/0003). Routes decide whether they need a caller.
 */
@Component
class BearerTokenFilter implements WebFilter {

    private final TokenVerifier verifier;

    BearerTokenFilter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            verifier.verify(header.substring(7).trim())
                    .ifPresent(caller -> exchange.getAttributes().put(Callers.ATTRIBUTE, caller));
        }
        return chain.filter(exchange);
    }
}
