package com.flashsale.catalog.auth.web;

import com.flashsale.auth.Caller;
import com.flashsale.catalog.auth.Authentication;
import com.flashsale.catalog.user.UserAccounts;
import com.flashsale.catalog.user.web.UserView;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.BrowserSession;
import com.flashsale.web.docs.Access;
import com.flashsale.web.docs.Audience;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sign-in, sign-out, shopper registration and "who am I". A sign-in also keeps the token in the web
 * UI's httpOnly session cookie, which sign-out clears (docs/adr/0012).
 */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "Accounts", description = "Sign in, register, who am I.")
class AuthController {

    private final Authentication authentication;
    private final UserAccounts accounts;
    private final ClientAddresses clients;
    private final Clock clock;

    AuthController(Authentication authentication, UserAccounts accounts, ClientAddresses clients, Clock clock) {
        this.authentication = authentication;
        this.accounts = accounts;
        this.clients = clients;
        this.clock = clock;
    }

    @PostMapping("/login")
    @Access(Audience.ANYONE)
    @Operation(
            summary = "Sign in: get a bearer token",
            description = "Answers a signed JWT (`token`) and its `expiresAt`. To call the routes with a lock here,"
                    + " press **Authorize** and paste the token; elsewhere send it as `Authorization: Bearer <token>`."
                    + " The answer also sets the web UI's session cookie `flashsale_session` (httpOnly, SameSite=Strict,"
                    + " until the token expires): with it and no Authorization header, the edge signs the request in,"
                    + " and a POST, PUT, PATCH or DELETE must then send `X-Flashsale-Client: web`"
                    + " (else 403 CSRF_HEADER_MISSING)."
                    + " Failed sign-ins are throttled per account and client address (429 with Retry-After).")
    @ProblemResponse(status = 401, reason = "BAD_CREDENTIALS", detail = "Wrong username or password.")
    @ProblemResponse(status = 403, reason = "ACCOUNT_DISABLED", detail = "This account is disabled.")
    @ProblemResponse(
            status = 429,
            reason = "TOO_MANY_SIGN_IN_ATTEMPTS",
            detail = "Too many failed sign-ins; try again in 12 s.")
    Mono<LoginResponse> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        return authentication
                .signIn(request.username(), request.password(), clients.of(exchange))
                .map(signedIn -> {
                    exchange.getResponse()
                            .addCookie(BrowserSession.issued(
                                    signedIn.token(),
                                    Duration.between(clock.instant(), signedIn.expiresAt()),
                                    exchange.getRequest()));
                    return new LoginResponse(signedIn.token(), signedIn.expiresAt(), UserView.of(signedIn.account()));
                });
    }

    /** Clears the session cookie. The token itself stays valid until it expires: it never left the cookie. */
    @PostMapping("/logout")
    @Access(Audience.ANYONE)
    @Operation(
            summary = "Sign out of the web UI",
            description = "Clears the session cookie (Max-Age=0). Anyone may call it; it answers 204 either way.")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(ServerWebExchange exchange) {
        exchange.getResponse().addCookie(BrowserSession.cleared(exchange.getRequest()));
        return Mono.empty();
    }

    /** Registers a shopper. Only a username and a password are read: the role is always USER. */
    @PostMapping("/register")
    @Access(Audience.ANYONE)
    @Operation(summary = "Register a shopper", description = "The new account's role is always USER.")
    @ProblemResponse(status = 409, reason = "USERNAME_TAKEN", detail = "The username alice is taken.")
    @ProblemResponse(
            status = 429,
            reason = "TOO_MANY_REGISTRATIONS",
            detail = "Too many new accounts from this address; try again in 360 s.")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserView> register(@Valid @RequestBody RegisterRequest request, ServerWebExchange exchange) {
        return authentication
                .register(request.username(), request.password(), clients.of(exchange))
                .map(UserView::of);
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's account")
    @ProblemResponse(status = 401, reason = "UNKNOWN_USER", detail = "The account no longer exists.")
    Mono<UserView> me(@AuthenticationPrincipal Caller caller) {
        return accounts.findById(caller.userId())
                .map(UserView::of)
                .switchIfEmpty(Mono.error(() ->
                        new ApiProblem(HttpStatus.UNAUTHORIZED, "UNKNOWN_USER", "The account no longer exists.")));
    }

    record LoginRequest(
            @Schema(example = "user1") @NotBlank @Size(max = 32)
            String username,

            @Schema(example = "Satu123") @NotNull @Size(max = 72) @MaxUtf8Bytes(72)
            String password) {}

    record RegisterRequest(
            @Schema(example = "alice")
            @NotBlank
            @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = "3 to 32 letters, digits, '_', '.' or '-'")
            String username,
            // BCrypt reads at most 72 bytes: longer passwords would be refused or silently truncated.
            @Schema(example = "correct horse battery", description = "8 characters to 72 bytes in UTF-8")
            @NotNull
            @Size(min = 8, message = "must be at least 8 characters")
            @MaxUtf8Bytes(72)
            String password) {}

    record LoginResponse(String token, Instant expiresAt, UserView user) {}
}
