package com.flashsale.auth;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The states of accounts that changed after they were created (disabled, re-enabled, role changed),
 * fed from the compacted accounts topic; an account that never changed is absent and its token's
 * claims stand. A verifier asks this copy, never a database, on the hot path.
 */
public final class AccountStates {

    private final Map<UUID, AccountState> states = new ConcurrentHashMap<>();

    /** Keeps {@code state} unless a newer version of the account is already known. */
    public void update(AccountState state) {
        states.merge(state.userId(), state, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    public Optional<AccountState> find(UUID userId) {
        return Optional.ofNullable(states.get(userId));
    }

    /** Whether a token of {@code caller}, issued at {@code issuedAt}, is still good for its account. */
    boolean admits(Caller caller, java.time.Instant issuedAt) {
        AccountState state = states.get(caller.userId());
        return state == null || state.admits(caller.role(), issuedAt);
    }
}
