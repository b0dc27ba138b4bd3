package com.flashsale.edge.security;

import com.flashsale.auth.Caller;
import com.flashsale.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/** Who is calling, as verified by {@link BearerTokenFilter}. */
public final class Callers {

    static final String ATTRIBUTE = Callers.class.getName();

    private Callers() {}

    /** The verified caller; a 401 problem when there is none. */
    public static Caller require(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer token is required.");
        }
        return caller;
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
