package com.flashsale.catalog.user.messaging;

import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import com.flashsale.contracts.AccountChanged;
import com.flashsale.contracts.Topics;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes each change of an account's standing to the compacted accounts topic after its commit:
 * at once, and again every few seconds while Kafka has not acknowledged the latest version.
 */
@Component
public class AccountPublisher {

    private static final Logger log = LoggerFactory.getLogger(AccountPublisher.class);

    private final UserAccounts accounts;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;

    AccountPublisher(UserAccounts accounts, KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.accounts = accounts;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    /** Sends the account's standing; completes when Kafka acknowledged it and the row says so. */
    public Mono<UserAccount> publish(UserAccount account) {
        AccountChanged event = new AccountChanged(
                AccountChanged.VERSION,
                account.id(),
                account.role().name(),
                account.enabled(),
                account.tokensValidFrom(),
                account.version(),
                clock.instant());
        String payload = json.writeValueAsString(event);
        return Mono.fromFuture(() -> kafka.send(Topics.ACCOUNTS, account.id().toString(), payload))
                .timeout(Duration.ofSeconds(10))
                .then(accounts.markPublished(account.id(), account.version()))
                .thenReturn(account);
    }

    @Scheduled(initialDelay = 2_000, fixedDelay = 2_000)
    void publishPending() {
        accounts.unpublished()
                .concatMap(account -> publish(account).onErrorResume(e -> {
                    log.warn(
                            "Account {} v{} not published yet ({}); will retry",
                            account.id(),
                            account.version(),
                            e.toString());
                    return Mono.empty();
                }))
                .then()
                .onErrorResume(e -> {
                    log.warn("Cannot read accounts to publish: {}", e.toString());
                    return Mono.empty();
                })
                .block(Duration.ofSeconds(30));
    }
}
