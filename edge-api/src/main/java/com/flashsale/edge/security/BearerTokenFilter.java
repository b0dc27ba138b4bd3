package com.flashsale.edge.security;

import com.flashsale.auth.TokenVerifier;
import com.flashsale.edge.web.EventLoops;
import com.flashsale.web.ProblemJson;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Verifies a bearer token once per request and leaves the caller in the exchange. A plain filter,
 * not the Spring Security chain: the purchase route is the hot path, and the verifier caches
 * verified tokens until they expire (see docs/adr/0003). A token seen before is judged here, on the
 * event loop (a map look-up); a token never seen is checked on {@link FirstSightVerification}'s
 * threads (docs/adr/0011), and when too many wait there the request gets a 503 with Retry-After at
 * once, untouched. Routes decide whether they need a caller.
 */
class BearerTokenFilter implements WebFilter {

    private final TokenVerifier verifier;
    private final FirstSightVerification firstSight;

    /** @param firstSight where new tokens are checked; null to check them on the event loop too */
    BearerTokenFilter(TokenVerifier verifier, FirstSightVerification firstSight) {
        this.verifier = verifier;
        this.firstSight = firstSight;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return chain.filter(exchange);
        }
        String token = header.substring(7).trim();
        if (firstSight == null || verifier.remembers(token)) {
            verifier.verify(token).ifPresent(caller -> exchange.getAttributes().put(Callers.ATTRIBUTE, caller));
            return chain.filter(exchange);
        }
        return firstSight
                .verify(token, EventLoops.of(exchange))
                .map(caller -> {
                    caller.ifPresent(c -> exchange.getAttributes().put(Callers.ATTRIBUTE, c));
                    return Boolean.TRUE;
                })
                .onErrorResume(FirstSightVerification.Overloaded.class, full -> Mono.just(Boolean.FALSE))
                .flatMap(checked -> checked ? chain.filter(exchange) : busy(exchange));
    }

    private static Mono<Void> busy(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return ProblemJson.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "OVERLOADED",
                "Too many new sign-ins are being checked at this moment; nothing was done. Retry in a second.");
    }
}
