package com.flashsale.catalog.auth;

import com.flashsale.auth.Caller;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import com.flashsale.web.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Signs users in (throttle, password check, token issue) and registers new shoppers. */
@Service
public class Authentication {

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final TokenIssuer issuer;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final AuthMetrics metrics;
    private final String decoyHash;

    Authentication(
            UserAccounts accounts,
            PasswordEncoder passwords,
            TokenIssuer issuer,
            SignInThrottle throttle,
            Clock clock,
            AuthMetrics metrics) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.issuer = issuer;
        this.throttle = throttle;
        this.clock = clock;
        this.metrics = metrics;
        // Checked against when the user does not exist, so a wrong name costs as long as a wrong password.
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * A token for the user; a 401 problem when the name or password is wrong, 403 when the account is
     * disabled, 429 when this account or address failed too often lately.
     */
    public Mono<SignedIn> signIn(String username, String password, String clientAddress) {
        var refusal = throttle.refusalOfSignIn(username, clientAddress);
        if (refusal.isPresent()) {
            metrics.signInThrottled();
            return Mono.error(refusal.get());
        }
        return accounts.findByUsername(username)
                .map(account -> new Candidate(account, account.passwordHash()))
                .defaultIfEmpty(new Candidate(null, decoyHash))
                // BCrypt is deliberately slow: keep it off the event loop.
                .publishOn(Schedulers.boundedElastic())
                .flatMap(candidate -> {
                    if (!passwords.matches(password, candidate.hash()) || candidate.account() == null) {
                        throttle.signInFailed(username, clientAddress);
                        metrics.badCredentials();
                        return Mono.error(new ApiProblem(
                                HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "Wrong username or password."));
                    }
                    throttle.signInSucceeded(username, clientAddress);
                    if (!candidate.account().enabled()) {
                        metrics.accountDisabled();
                        return Mono.error(
                                new ApiProblem(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "This account is disabled."));
                    }
                    var token = issuer.issue(candidate.account().asCaller(), clock.instant());
                    metrics.signedIn();
                    return Mono.just(new SignedIn(token.token(), token.expiresAt(), candidate.account()));
                });
    }

    /** Registers a shopper; a 409 problem when the username is taken, 429 when the address registered too often. */
    public Mono<UserAccount> register(String username, String password, String clientAddress) {
        var refusal = throttle.refusalOfRegistration(clientAddress);
        if (refusal.isPresent()) {
            metrics.registrationThrottled();
            return Mono.error(refusal.get());
        }
        return Mono.fromCallable(() -> passwords.encode(password))
                .subscribeOn(Schedulers.boundedElastic())
                // The role is always USER: nothing in a registration can ask for another.
                .flatMap(hash ->
                        accounts.addIfAbsent(UserAccount.create(UUID.randomUUID(), username, hash, Caller.Role.USER)))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(
                        HttpStatus.CONFLICT, "USERNAME_TAKEN", "The username " + username + " is taken.")));
    }

    private record Candidate(UserAccount account, String hash) {}

    /** A successful sign-in. */
    public record SignedIn(String token, Instant expiresAt, UserAccount account) {}
}
