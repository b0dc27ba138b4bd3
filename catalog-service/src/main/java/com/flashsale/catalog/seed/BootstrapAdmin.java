package com.flashsale.catalog.seed;

import com.flashsale.auth.Caller;
import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The first administrator of a deployment: when {@code flashsale.bootstrap-admin.username} and
 * {@code .password} are set and no ADMIN exists yet, that account is created once. Nothing else
 * ever creates an admin (registration makes shoppers; admins promote them).
 */
@Component
@Order(1)
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final String username;
    private final String password;

    BootstrapAdmin(
            UserAccounts accounts,
            PasswordEncoder passwords,
            @Value("${flashsale.bootstrap-admin.username:}") String username,
            @Value("${flashsale.bootstrap-admin.password:}") String password) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.username = username.strip();
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (username.isEmpty() && password.isEmpty()) {
            return;
        }
        if (!username.matches("[A-Za-z0-9_.-]{3,32}")
                || password.length() < 12
                || password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new IllegalStateException("flashsale.bootstrap-admin needs a username of 3 to 32 letters, digits,"
                    + " '_', '.' or '-' and a password of 12 characters to 72 bytes");
        }
        Boolean exists = accounts.anyAdmin().block(Duration.ofSeconds(30));
        if (Boolean.TRUE.equals(exists)) {
            return;
        }
        UserAccount admin = UserAccount.create(
                UUID.nameUUIDFromBytes(("flashsale-admin:" + username).getBytes(StandardCharsets.UTF_8)),
                username,
                passwords.encode(password),
                Caller.Role.ADMIN);
        accounts.addIfAbsent(admin).block(Duration.ofSeconds(30));
        log.info("Created the first administrator '{}' (flashsale.bootstrap-admin)", username);
    }
}
