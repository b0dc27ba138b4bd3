package com.flashsale.catalog.security;

import com.flashsale.auth.KeyRing;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TrustedKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The issuer's key ring as it is on disk now: rescanned every few seconds, so a key added by a
 * rotation signs (after its activation) and an old one retires without a restart of any service.
 * The keys it publishes are the ones this service's own verifier trusts too.
 */
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final Path dir;
    private final Clock clock;
    private final Duration activation;
    private final Duration grace;
    private final TrustedKeys trusted;
    private volatile KeyRing ring;

    SigningKeys(Path dir, KeyRing ring, Clock clock, Duration activation, Duration grace) {
        this.dir = dir;
        this.ring = ring;
        this.clock = clock;
        this.activation = activation;
        this.grace = grace;
        this.trusted = new TrustedKeys(byKid(published()));
    }

    /** The keys of {@code settings.keyDir()}; a first one is generated only where the settings allow it. */
    static SigningKeys load(JwtSettings settings, Clock clock) {
        KeyRing ring = settings.generateKeys()
                ? KeyRing.loadOrGenerate(settings.keyDir(), clock.instant())
                : KeyRing.load(settings.keyDir());
        if (ring.isEmpty()) {
            throw new MissingSigningKey(settings.keyDir());
        }
        return new SigningKeys(settings.keyDir(), ring, clock, settings.activation(), settings.rotationGrace());
    }

    /** The key that signs tokens now. */
    public SigningKey signing() {
        return ring.signing(clock.instant(), activation);
    }

    /** The keys verifiers should accept now (the JWKS). */
    public List<SigningKey> published() {
        return ring.published(clock.instant(), activation, grace);
    }

    TrustedKeys trusted() {
        return trusted;
    }

    @Scheduled(
            initialDelayString = "${flashsale.jwt.rescan-interval}",
            fixedDelayString = "${flashsale.jwt.rescan-interval}")
    void rescan() {
        try {
            KeyRing fresh = KeyRing.load(dir);
            if (!fresh.isEmpty()) {
                ring = fresh;
            }
        } catch (RuntimeException e) {
            log.warn("Cannot rescan the JWT keys in {} ({}); keeping the keys loaded before", dir, e.toString());
        }
        if (trusted.replace(byKid(published()))) {
            log.info("JWT keys now published: {}", trusted.kids());
        }
    }

    private static Map<String, java.security.PublicKey> byKid(List<SigningKey> keys) {
        return keys.stream().collect(Collectors.toMap(SigningKey::kid, SigningKey::publicKey));
    }
}
