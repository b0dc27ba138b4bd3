package com.flashsale.catalog.user;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The store of user accounts. */
public interface UserAccounts {

    Mono<UserAccount> findByUsername(String username);

    Mono<UserAccount> findById(UUID id);

    /** Stores a new account; empty when the username is already taken. */
    Mono<UserAccount> addIfAbsent(UserAccount account);

    /** One page of the accounts whose name contains {@code query} (any case; all when blank), by name. */
    Flux<UserAccount> search(String query, int page, int size);

    Mono<Long> count(String query);

    /**
     * Applies a change of standing decided by {@link StandingChange} at {@code now}: a new version, and
     * tokens valid from {@code now}. Empty when the account does not exist.
     */
    Mono<UserAccount> changeStanding(UUID id, StandingChange change, Instant now);

    /** Accounts whose latest change Kafka has not acknowledged yet. */
    Flux<UserAccount> unpublished();

    Mono<Void> markPublished(UUID id, long version);

    /** Accounts changed since they were created, changed at or after {@code since}. */
    Flux<UserAccount> changedSince(Instant since);

    Mono<Boolean> anyAdmin();
}
