package com.flashsale.auth;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/** One RSA key pair that signs tokens, named by its {@code kid}, and the instant it was made. */
public record SigningKey(String kid, KeyPair pair, Instant createdAt) {

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }
}
