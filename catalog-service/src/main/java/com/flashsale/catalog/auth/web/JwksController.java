package com.flashsale.catalog.auth.web;

import com.flashsale.auth.JwkSets;
import com.flashsale.catalog.security.SigningKeys;
import com.flashsale.web.docs.Access;
import com.flashsale.web.docs.Audience;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public signing keys as a JWK Set, each with its kid: what every verifier refreshes. */
@RestController
@Tag(name = "Accounts", description = "Sign in, register, who am I.")
class JwksController {

    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/jwk-set+json")
    @Access(Audience.ANYONE)
    @Operation(
            summary = "The public signing keys (JWK Set)",
            description = "Every key a verifier should accept now, each with its `kid`; a new key appears here"
                    + " before it signs, a replaced one stays for its grace period.")
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok()
                .contentType(JWK_SET)
                // Short: verifiers must see a new key before it signs (flashsale.jwt.activation).
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic())
                .body(JwkSets.render(keys.published()));
    }
}
