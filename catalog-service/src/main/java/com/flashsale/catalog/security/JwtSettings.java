package com.flashsale.catalog.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are signed: where the keys live, whether a first key may be generated (the local
 * profile only), how long a token lives, how long a new key is published before it signs, how long
 * a replaced key is still accepted, how often the key directory is read again, and the clock skew
 * allowed between the services.
 */
@ConfigurationProperties("flashsale.jwt")
record JwtSettings(
        Path keyDir,
        boolean generateKeys,
        Duration lifetime,
        Duration activation,
        Duration rotationGrace,
        Duration rescanInterval,
        Duration clockSkew) {}
