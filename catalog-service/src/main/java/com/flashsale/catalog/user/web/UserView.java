package com.flashsale.catalog.user.web;

import com.flashsale.catalog.user.UserAccount;
import java.time.Instant;
import java.util.UUID;

/** An account as the API shows it: never its password hash. */
public record UserView(UUID id, String username, String role, boolean enabled, Instant createdAt) {

    public static UserView of(UserAccount account) {
        return new UserView(
                account.id(), account.username(), account.role().name(), account.enabled(), account.createdAt());
    }
}
