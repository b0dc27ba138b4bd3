package com.flashsale.catalog.user;

import com.flashsale.auth.Caller;
import java.util.Optional;
import java.util.UUID;

/**
 * What an administrator asks to change of an account: its role, whether it may sign in, or both.
 * The rules: something must change, and nobody disables or demotes their own account (the last
 * admin could lock everyone out).
 */
public record StandingChange(Caller.Role role, Boolean enabled) {

    /** Why the change is refused, or empty when it may be applied to {@code account} by {@code actor}. */
    public Optional<String> refusal(UserAccount account, UUID actor) {
        if (account.id().equals(actor) && (Boolean.FALSE.equals(enabled) || (role != null && role != account.role()))) {
            return Optional.of("You cannot disable or demote your own account.");
        }
        return Optional.empty();
    }

    /** Whether applying it to {@code account} changes anything. */
    public boolean changes(UserAccount account) {
        return (role != null && role != account.role()) || (enabled != null && enabled != account.enabled());
    }

    public Caller.Role roleFor(UserAccount account) {
        return role != null ? role : account.role();
    }

    public boolean enabledFor(UserAccount account) {
        return enabled != null ? enabled : account.enabled();
    }
}
