package com.flashsale.catalog.auth;

import com.flashsale.web.ApiProblem;
import com.flashsale.web.Throttle;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Counts failed sign-ins and registrations, and refuses with 429 and Retry-After when a bucket is empty. */
@Component
public class SignInThrottle {

    private static final int MAX_KEYS = 100_000;

    private final Throttle perAccountAndAddress;
    private final Throttle perAddress;
    private final Throttle perAccount;
    private final Throttle registrations;

    SignInThrottle(ThrottleSettings settings) {
        this.perAccountAndAddress = new Throttle(settings.loginPerAccountAndAddress(), MAX_KEYS);
        this.perAddress = new Throttle(settings.loginPerAddress(), MAX_KEYS);
        this.perAccount = new Throttle(settings.loginPerAccount(), MAX_KEYS);
        this.registrations = new Throttle(settings.registrationPerAddress(), MAX_KEYS);
    }

    /** A 429 problem when this account or address has failed too often lately; checked before any hashing. */
    public Optional<ApiProblem> refusalOfSignIn(String username, String address) {
        String account = username.toLowerCase(Locale.ROOT);
        return Stream.of(
                        perAccountAndAddress.waitFor(account + "@" + address),
                        perAddress.waitFor(address),
                        perAccount.waitFor(account))
                .flatMap(Optional::stream)
                .max(Duration::compareTo)
                .map(wait -> tooMany("TOO_MANY_SIGN_IN_ATTEMPTS", "Too many failed sign-ins", wait));
    }

    public void signInFailed(String username, String address) {
        String account = username.toLowerCase(Locale.ROOT);
        perAccountAndAddress.spend(account + "@" + address);
        perAddress.spend(address);
        perAccount.spend(account);
    }

    /** The right password from this place: its own count starts afresh (the others do not). */
    public void signInSucceeded(String username, String address) {
        perAccountAndAddress.forgive(username.toLowerCase(Locale.ROOT) + "@" + address);
    }

    /** Spends one registration of this address; a 429 problem when none is left. */
    public Optional<ApiProblem> refusalOfRegistration(String address) {
        return registrations
                .spend(address)
                .map(wait -> tooMany("TOO_MANY_REGISTRATIONS", "Too many new accounts from this address", wait));
    }

    private static ApiProblem tooMany(String reason, String what, Duration wait) {
        long seconds = Throttle.retryAfterSeconds(wait);
        ApiProblem problem =
                new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, reason, what + "; try again in " + seconds + " s.");
        problem.getHeaders().set("Retry-After", Long.toString(seconds));
        return problem;
    }
}
