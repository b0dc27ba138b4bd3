package com.flashsale.edge.security;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The edge's readiness to judge tokens ({@code tokenVerification}): ready once it knows the keys and
 * every account change made so far; before, it could not tell a valid token from a revoked one.
 */
@Component("tokenVerification")
class TokenVerificationReadiness implements HealthIndicator {

    private final JwksRefresher keys;
    private final AccountStateListener accounts;

    TokenVerificationReadiness(JwksRefresher keys, AccountStateListener accounts) {
        this.keys = keys;
        this.accounts = accounts;
    }

    @Override
    public Health health() {
        return keys.loaded() && accounts.caughtUp()
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("jwks", keys.loaded() ? "loaded" : "not fetched yet")
                        .withDetail("accounts", accounts.caughtUp() ? "caught up" : "catching up")
                        .build();
    }
}
