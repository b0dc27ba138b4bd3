package com.flashsale.edge.security;

import com.flashsale.auth.Caller;
import com.flashsale.auth.TokenVerifier;
import com.flashsale.edge.web.EventLoops;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.BrowserSession;
import com.flashsale.web.ProblemJson;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Verifies a bearer token once per request and leaves the caller in the exchange; without an
 * Authorization header, the token of the web UI's session cookie (docs/adr/0012). A plain filter,
 * not the Spring Security chain: the purchase route is the hot path, and the verifier caches
 * verified tokens until they expire (see docs/adr/0003). A token seen before is judged here, on the
 * event loop (a map look-up); a token never seen is checked on {@link FirstSightVerification}'s
 * threads (docs/adr/0011), and when too many wait there the request gets a 503 with Retry-After at
 * once, untouched. Routes decide whether they need a caller. A request the cookie signs in must
 * carry the client header when its method is unsafe (403 CSRF_HEADER_MISSING, nothing done), and goes
 * on with the token as its Authorization header, so what is routed to catalog-service is signed in too.
 *
 * <p>On the purchase route ({@code POST /api/sales/{id}/purchases}) a bearer token never seen is not
 * checked here: the route gets its first sight ({@link Callers.FirstSight}) and refuses a sale closed
 * to everyone before paying for the check (docs/adr/0017), which it runs otherwise.
 */
class BearerTokenFilter implements WebFilter {

    private static final String TOO_MANY_FIRST_SIGHTS =
            "Too many new sign-ins are being checked at this moment; nothing was done. Retry in a second.";

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
        if (header != null) {
            // The header wins, and the cookies of such a request are never even parsed (the hot path).
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return chain.filter(exchange);
            }
            return authenticate(exchange, chain, header.substring(7).trim(), false);
        }
        HttpCookie session = exchange.getRequest().getCookies().getFirst(BrowserSession.COOKIE);
        if (session == null || session.getValue().isBlank()) {
            return chain.filter(exchange);
        }
        return authenticate(exchange, chain, session.getValue().trim(), true);
    }

    private Mono<Void> authenticate(
            ServerWebExchange exchange, WebFilterChain chain, String token, boolean fromCookie) {
        if (firstSight == null || verifier.remembers(token)) {
            return proceed(exchange, chain, token, verifier.verify(token), fromCookie);
        }
        if (!fromCookie && isPurchase(exchange)) {
            Optional<UUID> claimed = verifier.claimedSubject(token);
            if (claimed.isPresent()) {
                exchange.getAttributes()
                        .put(Callers.FIRST_SIGHT, new Callers.FirstSight(claimed.get(), check(exchange, token)));
                return chain.filter(exchange);
            }
        }
        return firstSight
                .verify(token, EventLoops.of(exchange))
                .map(Checked::new)
                .onErrorResume(FirstSightVerification.Overloaded.class, full -> Mono.just(Checked.OVERLOADED))
                .flatMap(checked -> checked.caller() == null
                        ? busy(exchange)
                        : proceed(exchange, chain, token, checked.caller(), fromCookie));
    }

    private static Mono<Void> proceed(
            ServerWebExchange exchange,
            WebFilterChain chain,
            String token,
            Optional<Caller> caller,
            boolean fromCookie) {
        if (caller.isEmpty()) {
            // An invalid or void token signs nobody in; a route that needs a caller answers 401 (the UI: signed out).
            return chain.filter(exchange);
        }
        if (!fromCookie) {
            exchange.getAttributes().put(Callers.ATTRIBUTE, caller.get());
            return chain.filter(exchange);
        }
        if (!BrowserSession.mayAct(exchange.getRequest())) {
            return ProblemJson.write(
                    exchange,
                    HttpStatus.FORBIDDEN,
                    BrowserSession.CSRF_HEADER_MISSING,
                    "A request signed in by the session cookie must send the header "
                            + BrowserSession.CLIENT_HEADER + ": " + BrowserSession.CLIENT_VALUE
                            + "; nothing was done.");
        }
        exchange.getAttributes().put(Callers.ATTRIBUTE, caller.get());
        ServerWebExchange signedIn = exchange.mutate()
                .request(request -> request.headers(headers -> headers.setBearerAuth(token)))
                .build();
        return chain.filter(signedIn);
    }

    /** The purchase route: the storm's, where a closed sale is refused before a first sight is paid for. */
    private static boolean isPurchase(ServerWebExchange exchange) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST) {
            return false;
        }
        String path = exchange.getRequest().getPath().value();
        return path.startsWith("/api/sales/")
                && path.endsWith("/purchases")
                && path.indexOf('/', 11) == path.length() - 10;
    }

    /** The route's check of a first sight: the caller, or the problem the filter would have answered. */
    private Mono<Caller> check(ServerWebExchange exchange, String token) {
        return firstSight
                .verify(token, EventLoops.of(exchange))
                .onErrorMap(FirstSightVerification.Overloaded.class, full -> overloaded())
                .flatMap(caller -> caller.map(Mono::just).orElseGet(() -> Mono.error(Callers.unauthenticated())))
                .cache();
    }

    private static ApiProblem overloaded() {
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "OVERLOADED", TOO_MANY_FIRST_SIGHTS);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return problem;
    }

    /** A first sight's verdict; a null caller when there was no room to check it. */
    private record Checked(Optional<Caller> caller) {
        static final Checked OVERLOADED = new Checked(null);
    }

    private static Mono<Void> busy(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return ProblemJson.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "OVERLOADED", TOO_MANY_FIRST_SIGHTS);
    }
}
