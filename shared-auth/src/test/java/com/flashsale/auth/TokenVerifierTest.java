package com.flashsale.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final SigningKey key = new SigningKey("20261125T090000Z-aaaa", JwtKeys.generate(), NOW.minusSeconds(3600));
    private final TrustedKeys trusted = new TrustedKeys(Map.of(key.kid(), key.publicKey()));
    private final AccountStates accounts = new AccountStates();
    private final List<String> unknownKids = new ArrayList<>();
    private final Caller shopper = new Caller(UUID.randomUUID(), "user1", Caller.Role.USER, null);

    @Test
    void acceptsTokenItIssuedUntilItExpiresWithinTheSkew() {
        var token = issuer(key).issue(shopper, NOW);

        var caller = verifierAt(NOW.plusSeconds(60)).verify(token.token());

        assertThat(caller).hasValueSatisfying(c -> {
            assertThat(c.userId()).isEqualTo(shopper.userId());
            assertThat(c.username()).isEqualTo("user1");
            assertThat(c.role()).isEqualTo(Caller.Role.USER);
            assertThat(c.expiresAt()).isEqualTo(token.expiresAt());
        });
        assertThat(verifierAt(token.expiresAt().plusSeconds(10)).verify(token.token()))
                .isPresent();
        assertThat(verifierAt(token.expiresAt().plus(SKEW).plusSeconds(1)).verify(token.token()))
                .isEmpty();
    }

    @Test
    void refusesAnExpiredTokenAlsoFromTheCache() {
        var token = issuer(key).issue(shopper, NOW);
        MutableClock clock = new MutableClock(NOW);
        TokenVerifier verifier = new TokenVerifier(trusted, accounts, clock, SKEW, unknownKids::add);
        assertThat(verifier.verify(token.token())).isPresent();

        clock.now = token.expiresAt().plus(SKEW).plusSeconds(1);

        assertThat(verifier.verify(token.token())).isEmpty();
    }

    @Test
    void refusesTokenSignedWithAnotherKeyUnderTheSameKid() {
        var forged = issuer(new SigningKey(key.kid(), JwtKeys.generate(), NOW)).issue(shopper, NOW);

        assertThat(verifierAt(NOW).verify(forged.token())).isEmpty();
        assertThat(verifierAt(NOW).verify("not-a-token")).isEmpty();
    }

    @Test
    void refusesTokenOfAnUnknownKidAndSaysSo() {
        var other = issuer(new SigningKey("20261125T095000Z-bbbb", JwtKeys.generate(), NOW))
                .issue(shopper, NOW);

        assertThat(verifierAt(NOW).verify(other.token())).isEmpty();
        assertThat(unknownKids).containsExactly("20261125T095000Z-bbbb");
    }

    @Test
    void refusesUnsecuredTokens() {
        String unsecured = Jwts.builder()
                .issuer(TokenIssuer.ISSUER)
                .subject(shopper.userId().toString())
                .claim(TokenIssuer.USERNAME_CLAIM, "user1")
                .claim(TokenIssuer.ROLE_CLAIM, "ADMIN")
                .issuedAt(Date.from(NOW))
                .expiration(Date.from(NOW.plusSeconds(600)))
                .compact();

        assertThat(unsecured).endsWith(".");
        assertThat(verifierAt(NOW).verify(unsecured)).isEmpty();
    }

    @Test
    void refusesHs256SignedWithThePublicKeyAsSecret() {
        byte[] publicKeyBytes =
                JwtKeys.pem("PUBLIC KEY", key.publicKey().getEncoded()).getBytes(StandardCharsets.US_ASCII);
        String confused = Jwts.builder()
                .header()
                .keyId(key.kid())
                .and()
                .issuer(TokenIssuer.ISSUER)
                .subject(shopper.userId().toString())
                .claim(TokenIssuer.USERNAME_CLAIM, "user1")
                .claim(TokenIssuer.ROLE_CLAIM, "ADMIN")
                .issuedAt(Date.from(NOW))
                .expiration(Date.from(NOW.plusSeconds(600)))
                .signWith(Keys.hmacShaKeyFor(publicKeyBytes), Jwts.SIG.HS256)
                .compact();

        assertThat(verifierAt(NOW).verify(confused)).isEmpty();
        assertThat(unknownKids).isEmpty();
    }

    @Test
    void refusesATokenWhoseClaimsWereChanged() {
        String[] parts = issuer(key).issue(shopper, NOW).token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String promoted = payload.replace("\"role\":\"USER\"", "\"role\":\"ADMIN\"");
        assertThat(promoted).isNotEqualTo(payload);
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(promoted.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThat(verifierAt(NOW).verify(tampered)).isEmpty();
    }

    @Test
    void refusesAMissingOrWrongIssuer() {
        for (String issuer : new String[] {null, "someone-else"}) {
            var builder = Jwts.builder()
                    .header()
                    .keyId(key.kid())
                    .and()
                    .subject(shopper.userId().toString())
                    .claim(TokenIssuer.USERNAME_CLAIM, "user1")
                    .claim(TokenIssuer.ROLE_CLAIM, "USER")
                    .issuedAt(Date.from(NOW))
                    .expiration(Date.from(NOW.plusSeconds(600)));
            if (issuer != null) {
                builder.issuer(issuer);
            }
            String token =
                    builder.signWith(key.pair().getPrivate(), Jwts.SIG.RS256).compact();

            assertThat(verifierAt(NOW).verify(token)).as("issuer %s", issuer).isEmpty();
        }
    }

    @Test
    void refusesTokensOfARetiredKeyEvenWhenCached() {
        var token = issuer(key).issue(shopper, NOW);
        TokenVerifier verifier = verifierAt(NOW);
        assertThat(verifier.verify(token.token())).isPresent();

        trusted.replace(Map.of());

        assertThat(verifier.verify(token.token())).isEmpty();
    }

    @Test
    void refusesTokensIssuedBeforeTheAccountWasDisabledOrItsRoleChanged() {
        var before = issuer(key).issue(shopper, NOW);
        TokenVerifier verifier = verifierAt(NOW.plusSeconds(5));
        assertThat(verifier.verify(before.token())).isPresent();

        accounts.update(new AccountState(shopper.userId(), Caller.Role.USER, false, NOW.plusSeconds(2), 2));
        assertThat(verifier.verify(before.token())).isEmpty();

        accounts.update(new AccountState(shopper.userId(), Caller.Role.USER, true, NOW.plusSeconds(3), 3));
        assertThat(verifier.verify(before.token()))
                .as("re-enabled: old tokens stay void")
                .isEmpty();
        var after = issuer(key).issue(shopper, NOW.plusSeconds(4));
        assertThat(verifier.verify(after.token())).isPresent();

        accounts.update(new AccountState(shopper.userId(), Caller.Role.ADMIN, true, NOW.plusSeconds(4), 4));
        assertThat(verifier.verify(after.token())).as("same second, old role").isEmpty();
        accounts.update(new AccountState(shopper.userId(), Caller.Role.USER, false, NOW.plusSeconds(1), 3));
        assertThat(accounts.find(shopper.userId()).orElseThrow().version())
                .as("an older version never wins")
                .isEqualTo(4);
    }

    @Test
    void newestKeySignsOnlyAfterItsActivationAndOldKeysRetireAfterTheGrace(@TempDir Path dir) {
        Duration activation = Duration.ofSeconds(10);
        Duration grace = Duration.ofHours(1);
        KeyRing first = KeyRing.loadOrGenerate(dir, NOW);
        assertThat(KeyRing.loadOrGenerate(dir, NOW.plusSeconds(5)).all()).hasSize(1);
        SigningKey old = first.newest();

        KeyRing rotated = KeyRing.rotate(dir, NOW.plusSeconds(100));
        SigningKey fresh = rotated.newest();

        assertThat(fresh.kid()).isNotEqualTo(old.kid());
        assertThat(rotated.signing(NOW.plusSeconds(105), activation).kid()).isEqualTo(old.kid());
        assertThat(rotated.signing(NOW.plusSeconds(110), activation).kid()).isEqualTo(fresh.kid());
        assertThat(rotated.published(NOW.plusSeconds(105), activation, grace))
                .extracting(SigningKey::kid)
                .containsExactly(old.kid(), fresh.kid());
        assertThat(rotated.published(NOW.plusSeconds(110).plus(grace).minusSeconds(1), activation, grace))
                .extracting(SigningKey::kid)
                .containsExactly(old.kid(), fresh.kid());
        assertThat(rotated.published(NOW.plusSeconds(110).plus(grace), activation, grace))
                .extracting(SigningKey::kid)
                .containsExactly(fresh.kid());
        assertThat(KeyRing.load(dir).all()).extracting(SigningKey::kid).containsExactly(old.kid(), fresh.kid());
    }

    @Test
    void jwkSetsCarryEveryKeyByKid() {
        SigningKey other = new SigningKey("20261125T095000Z-bbbb", JwtKeys.generate(), NOW);

        var parsed = JwkSets.parse(JwkSets.render(List.of(key, other)));

        assertThat(parsed).containsOnlyKeys(key.kid(), other.kid());
        assertThat(parsed.get(key.kid()).getEncoded()).isEqualTo(key.publicKey().getEncoded());
        assertThat(JwkSets.render(List.of(key))).doesNotContain("\"d\"").contains("\"kid\"", "RS256");
    }

    @Test
    void remembersATokenOnlyOnceItWasVerifiedAndForgetsItWhenRefusedFromTheCache() {
        var token = issuer(key).issue(shopper, NOW);
        MutableClock clock = new MutableClock(NOW);
        TokenVerifier verifier = new TokenVerifier(trusted, accounts, clock, SKEW, unknownKids::add);
        assertThat(verifier.remembers(token.token())).isFalse();

        assertThat(verifier.verify(token.token())).isPresent();
        assertThat(verifier.remembers(token.token())).isTrue();
        assertThat(verifier.verify("not.a.token")).isEmpty();
        assertThat(verifier.remembers("not.a.token")).isFalse();

        clock.now = token.expiresAt().plus(SKEW).plusSeconds(1);
        assertThat(verifier.verify(token.token())).isEmpty();
        assertThat(verifier.remembers(token.token())).isFalse();
    }

    @Test
    void warmupVerifiesEveryTokenOfItsThrowawayKeyAndTrustsNothingElse() {
        assertThat(VerifierWarmup.run(100)).isEqualTo(100);
        // The throwaway key never reaches the real trusted keys.
        assertThat(trusted.kids()).containsExactly(key.kid());
    }

    private static TokenIssuer issuer(SigningKey signing) {
        return new TokenIssuer(() -> signing, Duration.ofHours(1));
    }

    @Test
    void trustsALentKeyUntilItsLeaseEndsWhateverTheIssuersKeysDo() {
        SigningKey rehearsal = new SigningKey("rehearsal-1", JwtKeys.generate(), NOW);
        var token = issuer(rehearsal).issue(shopper, NOW).token();
        TokenVerifier verifier = verifierAt(NOW);
        TrustedKeys.Lease lease = trusted.lend(rehearsal.kid(), rehearsal.publicKey());

        assertThat(verifier.verify(token)).isPresent();
        trusted.replace(Map.of(key.kid(), key.publicKey())); // a JWKS refresh meanwhile
        assertThat(verifier.verify(token)).isPresent();
        assertThat(trusted.kids()).containsExactly(key.kid());

        lease.close();
        assertThat(verifier.verify(token)).as("remembered, yet its key is gone").isEmpty();
        assertThat(verifierAt(NOW).verify(token)).isEmpty();
    }

    @Test
    void claimsTheSubjectOfAnUnexpiredTokenOfAnyKeyWithoutVerifyingAndNeverRemembersIt() {
        var token = issuer(key).issue(shopper, NOW);
        var forged = issuer(new SigningKey(key.kid(), JwtKeys.generate(), NOW)).issue(shopper, NOW);
        TokenVerifier verifier = verifierAt(NOW.plusSeconds(60));

        assertThat(verifier.claimedSubject(token.token())).hasValue(shopper.userId());
        assertThat(verifier.claimedSubject(forged.token()))
                .as("not proof: any key")
                .hasValue(shopper.userId());
        assertThat(verifier.remembers(token.token())).isFalse();
        assertThat(verifierAt(token.expiresAt().plusSeconds(1)).claimedSubject(token.token()))
                .as("expired")
                .isEmpty();
        String header = token.token().substring(0, token.token().indexOf('.'));
        String noSubject =
                header + "." + base64("{\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}") + ".sig";
        String notUuid = header + "."
                + base64("{\"sub\":\"user1\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}") + ".s";
        String noExpiry = header + "." + base64("{\"sub\":\"" + shopper.userId() + "\"}") + ".s";
        for (String bad : List.of("not-a-token", "a.b", "a.!!!.c", "a.b.c.d", noSubject, notUuid, noExpiry)) {
            assertThat(verifier.claimedSubject(bad)).as(bad).isEmpty();
        }
    }

    private static String base64(String json) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void neverLendsAKidTheIssuerUses() {
        assertThatThrownBy(() -> trusted.lend(key.kid(), JwtKeys.generate().getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private TokenVerifier verifierAt(Instant now) {
        return new TokenVerifier(trusted, accounts, Clock.fixed(now, ZoneOffset.UTC), SKEW, unknownKids::add);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
