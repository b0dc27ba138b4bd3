package com.flashsale.testing.api;

import java.util.Set;

/**
 * One operation of an OpenAPI document and who may call it, as its security requirement says: no
 * requirement is open to anyone; a bearer requirement needs a token, and the roles it lists (OpenAPI
 * 3.1 lets a non-OAuth requirement list roles) need one of them. {@code streams}: it answers an
 * event stream (SSE).
 */
public record DocumentedOperation(
        String method, String path, boolean needsToken, Set<String> roles, boolean hasBody, boolean streams) {

    public Route route() {
        return Route.of(method, path);
    }

    @Override
    public String toString() {
        return method + " " + path + (needsToken ? (roles.isEmpty() ? " [signed in]" : " " + roles) : " [anyone]");
    }
}
