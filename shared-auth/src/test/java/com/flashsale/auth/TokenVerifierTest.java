package com.flashsale.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final KeyPair keys = JwtKeys.generate();
    private final Caller shopper = new Caller(UUID.randomUUID(), "user1", Caller.Role.USER, null);

    @Test
    void acceptsTokenItIssuedUntilItExpires() {
        var token = new TokenIssuer(keys.getPrivate(), Duration.ofHours(1)).issue(shopper, NOW);

        var caller = verifierAt(NOW.plusSeconds(60)).verify(token.token());

        assertThat(caller).hasValueSatisfying(c -> {
            assertThat(c.userId()).isEqualTo(shopper.userId());
            assertThat(c.username()).isEqualTo("user1");
            assertThat(c.role()).isEqualTo(Caller.Role.USER);
            assertThat(c.expiresAt()).isEqualTo(token.expiresAt());
        });
        assertThat(verifierAt(NOW.plus(Duration.ofHours(2))).verify(token.token()))
                .isEmpty();
    }

    @Test
    void rejectsTokenSignedWithAnotherKey() {
        var forged = new TokenIssuer(JwtKeys.generate().getPrivate(), Duration.ofHours(1)).issue(shopper, NOW);

        assertThat(verifierAt(NOW).verify(forged.token())).isEmpty();
        assertThat(verifierAt(NOW).verify("not-a-token")).isEmpty();
    }

    @Test
    void keepsGeneratedKeysAcrossRestarts(@TempDir Path dir) {
        KeyPair first = JwtKeys.loadOrGenerate(dir);
        KeyPair second = JwtKeys.loadOrGenerate(dir);

        assertThat(second.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
        assertThat(JwtKeys.readPublicKey(dir.resolve(JwtKeys.PUBLIC_KEY_FILE)).getEncoded())
                .isEqualTo(first.getPublic().getEncoded());
    }

    private TokenVerifier verifierAt(Instant now) {
        return new TokenVerifier(keys.getPublic(), Clock.fixed(now, ZoneOffset.UTC));
    }
}
