package com.flashsale.edge.security;

import com.flashsale.auth.Caller;
import com.flashsale.web.ApiProblem;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who is calling, as verified by {@link BearerTokenFilter}; on the purchase route, a token never seen
 * before is left to the route to check ({@link FirstSight}, docs/adr/0017).
 */
public final class Callers {

    static final String ATTRIBUTE = Callers.class.getName();
    static final String FIRST_SIGHT = Callers.class.getName() + ".firstSight";

    private Callers() {}

    /** The verified caller; a 401 problem when there is none. */
    public static Caller require(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw unauthenticated();
        }
        return caller;
    }

    /**
     * The token's first sight, when the filter left it to the route: the user it names (not proven)
     * and its check, which the route runs only when it must know who calls. Empty otherwise: the
     * caller, if any, is verified already ({@link #require}).
     */
    public static Optional<FirstSight> firstSight(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(FIRST_SIGHT));
    }

    /**
     * A token seen for the first time on a route that may answer without knowing who calls.
     *
     * @param claimedUserId the user the token names, read without checking it: never proof
     * @param check the verified caller once checked (a 401 problem when the token proves nobody, a
     *     503 OVERLOADED problem with Retry-After when too many first sights wait); runs once
     */
    public record FirstSight(UUID claimedUserId, Mono<Caller> check) {}

    /** The answer to a request without a caller where one is needed (401). */
    static ApiProblem unauthenticated() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer token is required.");
    }

    /** The verified caller if an admin; a 401 problem when there is none, a 403 for anyone else. */
    public static Caller requireAdmin(ServerWebExchange exchange) {
        Caller caller = require(exchange);
        if (!caller.isAdmin()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "This route needs another role.");
        }
        return caller;
    }
}
