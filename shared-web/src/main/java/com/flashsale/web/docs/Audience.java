package com.flashsale.web.docs;

/** Who may call a route: said once per route with {@link Access}, documented and tested from there. */
public enum Audience {
    /** Anyone, with or without a token. */
    ANYONE,
    /** Any signed-in account: a valid bearer token of any role. */
    SIGNED_IN,
    /** A valid bearer token of an account with the ADMIN role. */
    ADMIN
}
