package com.flashsale.web;

import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The web UI's session: the signed-in token in an httpOnly, SameSite=Strict cookie, and the header a
 * cookie-authenticated unsafe request must carry (docs/adr/0012). catalog-service sets and clears the
 * cookie; edge-api reads it when a request has no Authorization header.
 */
public final class BrowserSession {

    /** The cookie that holds the token. */
    public static final String COOKIE = "flashsale_session";

    /** The header a cookie-authenticated POST, PUT, PATCH or DELETE must carry, with {@link #CLIENT_VALUE}. */
    public static final String CLIENT_HEADER = "X-Flashsale-Client";

    public static final String CLIENT_VALUE = "web";

    /** The refusal's reason when {@link #CLIENT_HEADER} is missing. */
    public static final String CSRF_HEADER_MISSING = "CSRF_HEADER_MISSING";

    private BrowserSession() {}

    /** The cookie that keeps {@code token} for {@code lifetime}; Secure when the request came over https. */
    public static ResponseCookie issued(String token, Duration lifetime, ServerHttpRequest request) {
        return cookie(token, lifetime.isNegative() ? Duration.ZERO : lifetime, request);
    }

    /** The cookie that makes the browser forget the session. */
    public static ResponseCookie cleared(ServerHttpRequest request) {
        return cookie("", Duration.ZERO, request);
    }

    /**
     * Whether a request authenticated by the cookie may go on: safe methods always, unsafe ones only with
     * the client header, which a cross-site page cannot send without a CORS preflight that is never allowed.
     */
    public static boolean mayAct(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return true;
        }
        return CLIENT_VALUE.equals(request.getHeaders().getFirst(CLIENT_HEADER));
    }

    private static ResponseCookie cookie(String value, Duration maxAge, ServerHttpRequest request) {
        return ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .sameSite("Strict")
                .path("/")
                .maxAge(maxAge)
                .secure(overHttps(request))
                .build();
    }

    // Behind a proxy that ends TLS the request arrives as http; the proxy says what the browser used.
    private static boolean overHttps(ServerHttpRequest request) {
        String forwarded = request.getHeaders().getFirst("X-Forwarded-Proto");
        if (forwarded != null) {
            return forwarded.strip().regionMatches(true, 0, "https", 0, 5);
        }
        return "https".equalsIgnoreCase(request.getURI().getScheme());
    }
}
