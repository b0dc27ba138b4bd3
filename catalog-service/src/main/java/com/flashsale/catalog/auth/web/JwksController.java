package com.flashsale.catalog.auth.web;

import com.flashsale.auth.JwkSets;
import com.flashsale.catalog.security.SigningKeys;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public signing keys as a JWK Set, each with its kid: what every verifier refreshes. */
@RestController
class JwksController {

    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok()
                .contentType(JWK_SET)
                // Short: verifiers must see a new key before it signs (flashsale.jwt.activation).
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic())
                .body(JwkSets.render(keys.published()));
    }
}
