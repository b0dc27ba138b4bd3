package com.flashsale.edge.security;

import com.flashsale.auth.JwtKeys;
import com.flashsale.auth.TokenVerifier;
import com.flashsale.edge.purchase.RequestIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Token verification with catalog-service's public key, and the secret behind request ids. */
@Configuration
class SecurityConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TokenVerifier tokenVerifier(@Value("${flashsale.jwt.key-dir}") Path keyDir, Clock clock) {
        return new TokenVerifier(JwtKeys.readPublicKey(keyDir.resolve(JwtKeys.PUBLIC_KEY_FILE)), clock);
    }

    @Bean
    RequestIds requestIds(@Value("${flashsale.edge.request-id-secret-file}") Path secretFile) {
        return new RequestIds(secret(secretFile));
    }

    /** The secret every edge instance shares; created on first start for a local stack. */
    private static byte[] secret(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.write(file, fresh, java.nio.file.StandardOpenOption.CREATE_NEW);
                } catch (FileAlreadyExistsException raced) {
                    // Another instance created it first: use theirs.
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the request-id secret " + file, e);
        }
    }
}
