package com.flashsale.catalog.security;

import com.flashsale.auth.AccountState;
import com.flashsale.auth.AccountStates;
import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this service's copy of account states in step with its own database (every instance of
 * catalog-service reads the changes of all of them): a disabled account's token stops working here
 * within a second, as it does at the edge through the accounts topic.
 */
@Component
class AccountStateRefresh {

    private static final Logger log = LoggerFactory.getLogger(AccountStateRefresh.class);
    // Changes are read with an overlap: a row committed late with an earlier updated_at is not missed.
    private static final Duration OVERLAP = Duration.ofSeconds(30);

    private final UserAccounts accounts;
    private final AccountStates states;
    private final Clock clock;
    private Instant since = Instant.EPOCH;

    AccountStateRefresh(UserAccounts accounts, AccountStates states, Clock clock) {
        this.accounts = accounts;
        this.states = states;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelay = 1_000)
    void refresh() {
        Instant readAt = clock.instant();
        try {
            accounts.changedSince(since)
                    .doOnNext(account -> states.update(stateOf(account)))
                    .then()
                    .block(Duration.ofSeconds(10));
            since = readAt.minus(OVERLAP);
        } catch (RuntimeException e) {
            log.warn("Cannot read account changes ({}); will retry", e.toString());
        }
    }

    static AccountState stateOf(UserAccount account) {
        return new AccountState(
                account.id(), account.role(), account.enabled(), account.tokensValidFrom(), account.version());
    }
}
