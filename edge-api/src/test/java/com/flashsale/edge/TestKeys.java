package com.flashsale.edge;

import com.flashsale.auth.JwkSets;
import com.flashsale.auth.JwtKeys;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The signing side of catalog-service for edge tests: a key directory with a JWK Set file that the
 * edge under test refreshes (flashsale.jwt.jwks-uri as a file: URI), and an issuer of tokens.
 */
final class TestKeys {

    final Path dir;
    final Path jwks;

    TestKeys(String name) {
        try {
            this.dir = Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.jwks = dir.resolve("jwks.json");
    }

    static SigningKey newKey(String kid) {
        return new SigningKey(kid, JwtKeys.generate(), Instant.now());
    }

    /** Publishes exactly these keys (what the catalog's JWKS would say now). */
    void publish(SigningKey... keys) {
        try {
            Path temp = Files.createTempFile(dir, "jwks", ".tmp");
            Files.writeString(temp, JwkSets.render(List.of(keys)));
            Files.move(
                    temp,
                    jwks,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TokenIssuer issuer(SigningKey key) {
        return new TokenIssuer(() -> key, Duration.ofHours(1));
    }

    /** Points the edge at this JWKS, with a profile that generates the request-id secret in the key directory. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("flashsale.jwt.key-dir", dir::toString);
        registry.add("flashsale.jwt.jwks-uri", () -> jwks.toUri().toString());
        registry.add("flashsale.edge.generate-secret", () -> "true");
    }
}
