package com.flashsale.catalog.user;

import reactor.core.publisher.Mono;

/** The store of user accounts. */
public interface UserAccounts {

    Mono<UserAccount> findByUsername(String username);

    Mono<UserAccount> findById(java.util.UUID id);

    /** Stores a new account; empty when the username is already taken. */
    Mono<UserAccount> addIfAbsent(UserAccount account);
}
