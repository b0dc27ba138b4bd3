package com.flashsale.catalog.auth;

import com.flashsale.auth.Caller;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import java.time.Clock;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Signs users in (password check, token issue) and registers new shoppers. */
@Service
public class Authentication {

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final String decoyHash;

    Authentication(UserAccounts accounts, PasswordEncoder passwords, TokenIssuer issuer, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.issuer = issuer;
        this.clock = clock;
        // Checked against when the user does not exist, so a wrong name costs as long as a wrong password.
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** A token for the user, or empty when the name or password is wrong. */
    public Mono<SignedIn> signIn(String username, String password) {
        return accounts.findByUsername(username)
                .map(account -> new Candidate(account, account.passwordHash()))
                .defaultIfEmpty(new Candidate(null, decoyHash))
                // BCrypt is deliberately slow: keep it off the event loop.
                .publishOn(Schedulers.boundedElastic())
                .filter(candidate -> passwords.matches(password, candidate.hash()) && candidate.account() != null)
                .map(candidate -> {
                    var token = issuer.issue(candidate.account().asCaller(), clock.instant());
                    return new SignedIn(token.token(), token.expiresAt(), candidate.account());
                });
    }

    /** Registers a shopper; empty when the username is taken. The role is always USER. */
    public Mono<UserAccount> register(String username, String password) {
        return Mono.fromCallable(() -> passwords.encode(password))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> accounts.addIfAbsent(
                        new UserAccount(UUID.randomUUID(), username, hash, Caller.Role.USER, null)));
    }

    private record Candidate(UserAccount account, String hash) {}

    /** A successful sign-in. */
    public record SignedIn(String token, java.time.Instant expiresAt, UserAccount account) {}
}
