package com.flashsale.edge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.flashsale.auth.AccountStates;
import com.flashsale.auth.Caller;
import com.flashsale.auth.JwtKeys;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.auth.TokenVerifier;
import com.flashsale.auth.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class BearerTokenFilterTest {

    private final SigningKey trustedKey = new SigningKey("good", JwtKeys.generate(), Instant.now());
    private final SigningKey unknownKey = new SigningKey("unknown", JwtKeys.generate(), Instant.now());
    private final CountDownLatch checking = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    // A token naming an unknown kid tells the verifier's hint, on the checking thread: the test holds it there.
    private final TokenVerifier verifier = new TokenVerifier(
            new TrustedKeys(Map.of(trustedKey.kid(), trustedKey.publicKey())),
            new AccountStates(),
            Clock.systemUTC(),
            Duration.ofSeconds(30),
            kid -> {
                checking.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
    private final FirstSightVerification firstSight = new FirstSightVerification(verifier, 1, 1);
    private final BearerTokenFilter filter = new BearerTokenFilter(verifier, firstSight);
    private final List<ServerWebExchange> passed = new CopyOnWriteArrayList<>();
    private final WebFilterChain chain = exchange -> {
        passed.add(exchange);
        return Mono.empty();
    };

    @AfterEach
    void stop() {
        release.countDown();
        firstSight.close();
    }

    @Test
    void aCheckThatFailsUnexpectedlyEndsTheRequestWithTheErrorNeverLeavesItWaiting() {
        TokenVerifier failing = new TokenVerifier(
                new TrustedKeys(Map.of(trustedKey.kid(), trustedKey.publicKey())),
                new AccountStates(),
                Clock.systemUTC(),
                Duration.ofSeconds(30),
                kid -> {
                    throw new IllegalStateException("the key hint failed");
                });
        try (FirstSightVerification pool = new FirstSightVerification(failing, 1, 1)) {
            Mono<?> check = pool.verify(token(unknownKey), Runnable::run);

            assertThatThrownBy(() -> check.block(Duration.ofSeconds(30)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the key hint failed");
        }
    }

    @Test
    void checksNewTokensOffTheCallersThreadAndLeavesTheCallerForTheRoutes() {
        String token = token(trustedKey);
        MockServerWebExchange exchange = exchange(token);

        filter.filter(exchange, chain).block(Duration.ofSeconds(30));

        assertThat(passed).containsExactly(exchange);
        assertThat(Callers.require(exchange).username()).isEqualTo("shopper");
        assertThat(verifier.remembers(token)).isTrue();
    }

    @Test
    void leavesANewTokenOnThePurchaseRouteToTheRouteWhichChecksItAtMostOnce() {
        String token = token(trustedKey);
        MockServerWebExchange exchange = exchange(token, "/api/sales/" + UUID.randomUUID() + "/purchases");

        filter.filter(exchange, chain).block(Duration.ofSeconds(30));

        assertThat(passed).containsExactly(exchange);
        assertThat(exchange.getAttributes()).doesNotContainKey(Callers.ATTRIBUTE);
        assertThat(verifier.remembers(token)).as("not checked by the filter").isFalse();
        Callers.FirstSight firstSight = Callers.firstSight(exchange).orElseThrow();
        assertThat(firstSight.check().block(Duration.ofSeconds(30)).username()).isEqualTo("shopper");
        assertThat(verifier.remembers(token)).isTrue();
        assertThat(firstSight.check().block(Duration.ofSeconds(30)).userId()).isEqualTo(firstSight.claimedUserId());

        release.countDown(); // the unknown kid's hint does not hold the checking thread here
        MockServerWebExchange forged = exchange(token(unknownKey), "/api/sales/" + UUID.randomUUID() + "/purchases");
        filter.filter(forged, chain).block(Duration.ofSeconds(30));
        assertThat(Callers.firstSight(forged)
                        .orElseThrow()
                        .check()
                        .onErrorResume(e -> Mono.empty())
                        .block(Duration.ofSeconds(30)))
                .as("a token that proves nobody: the check fails (401)")
                .isNull();
    }

    @Test
    void answersKnownTokensAtOnceWhileNewOnesWaitAndTurnsAwayNewOnesWhenTooManyWait() throws Exception {
        String known = token(trustedKey);
        assertThat(verifier.verify(known)).isPresent();
        MockServerWebExchange first = exchange(token(unknownKey));
        MockServerWebExchange second = exchange(token(unknownKey));
        filter.filter(first, chain).subscribe();
        assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue();
        filter.filter(second, chain).subscribe(); // waits: the one thread is busy

        MockServerWebExchange third = exchange(token(unknownKey));
        filter.filter(third, chain).block(Duration.ofSeconds(30));
        MockServerWebExchange knownCaller = exchange(known);
        filter.filter(knownCaller, chain).block(Duration.ofSeconds(30));

        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(third.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(third.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
                .contains("\"reason\":\"OVERLOADED\"");
        assertThat(passed).containsExactly(knownCaller);
        assertThat(Callers.require(knownCaller).username()).isEqualTo("shopper");

        release.countDown();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(passed).containsExactlyInAnyOrder(knownCaller, first, second));
        assertThat(first.getAttributes()).doesNotContainKey(Callers.ATTRIBUTE);
        assertThat(second.getAttributes()).doesNotContainKey(Callers.ATTRIBUTE);
    }

    private static String token(SigningKey key) {
        Caller caller = new Caller(UUID.randomUUID(), "shopper", Caller.Role.USER, null);
        return new TokenIssuer(() -> key, Duration.ofHours(1))
                .issue(caller, Instant.now())
                .token();
    }

    /** A route the filter checks tokens for (every one but the purchase route). */
    private static MockServerWebExchange exchange(String token) {
        return exchange(token, "/api/purchases/" + UUID.randomUUID());
    }

    private static MockServerWebExchange exchange(String token, String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.post(path)
                .header("Authorization", "Bearer " + token)
                .body(new String(new byte[0], StandardCharsets.UTF_8)));
    }
}
