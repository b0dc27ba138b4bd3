package com.flashsale.edge.security;

import com.flashsale.auth.AccountStates;
import com.flashsale.auth.TokenVerifier;
import com.flashsale.auth.TrustedKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Token verification: catalog-service's public keys from its JWKS (refreshed, so keys rotate without
 * a restart) and the accounts' standing from the accounts topic (so a disabled account or a changed
 * role takes effect within seconds, without a database read on the hot path).
 */
@Configuration
class SecurityConfig {

    @Bean
    TrustedKeys trustedKeys() {
        return new TrustedKeys(Map.of());
    }

    @Bean(destroyMethod = "close")
    JwksRefresher jwksRefresher(
            @Value("${flashsale.jwt.jwks-uri}") URI source,
            @Value("${flashsale.jwt.jwks-refresh}") Duration interval,
            TrustedKeys keys) {
        return new JwksRefresher(source, keys, interval).start();
    }

    @Bean
    AccountStates accountStates() {
        return new AccountStates();
    }

    @Bean
    TokenVerifier tokenVerifier(
            TrustedKeys keys,
            AccountStates accounts,
            JwksRefresher refresher,
            Clock clock,
            @Value("${flashsale.jwt.clock-skew}") Duration skew) {
        return new TokenVerifier(keys, accounts, clock, skew, refresher::unknownKid);
    }

    /** New tokens are checked off the event loops, on {@code threads} threads (0: one per core). */
    @Bean(destroyMethod = "close")
    FirstSightVerification firstSightVerification(
            TokenVerifier verifier,
            @Value("${flashsale.edge.verification.threads:0}") int threads,
            @Value("${flashsale.edge.verification.max-waiting:1024}") int maxWaiting) {
        int size = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new FirstSightVerification(verifier, size, maxWaiting);
    }

    @Bean
    BearerTokenFilter bearerTokenFilter(
            TokenVerifier verifier,
            FirstSightVerification firstSight,
            @Value("${flashsale.edge.verification.off-loop:true}") boolean offLoop) {
        return new BearerTokenFilter(verifier, offLoop ? firstSight : null);
    }
}
