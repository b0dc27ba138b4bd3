package com.flashsale.auth;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import java.security.Key;
import java.security.PublicKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The public signing keys as a JSON Web Key Set (RFC 7517), written and read with jjwt. */
public final class JwkSets {

    private JwkSets() {}

    /** {@code {"keys":[...]}} with each key's {@code kid}, {@code alg: RS256} and {@code use: sig}. */
    public static String render(Collection<SigningKey> keys) {
        return keys.stream()
                .map(key -> Jwks.json(Jwks.builder()
                        .key(key.publicKey())
                        .id(key.kid())
                        .algorithm("RS256")
                        .publicKeyUse("sig")
                        .build()))
                .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    /** The RSA public keys of a JWK Set by kid; keys without a kid, private or of other types are ignored. */
    public static Map<String, PublicKey> parse(String json) {
        JwkSet set = Jwks.setParser().ignoreUnsupported(true).build().parse(json);
        Map<String, PublicKey> keys = new HashMap<>();
        for (Jwk<?> jwk : set) {
            Key key = jwk.toKey();
            if (jwk instanceof PublicJwk<?>
                    && jwk.getId() != null
                    && key instanceof java.security.interfaces.RSAPublicKey rsa) {
                keys.put(jwk.getId(), rsa);
            }
        }
        return Map.copyOf(keys);
    }
}
