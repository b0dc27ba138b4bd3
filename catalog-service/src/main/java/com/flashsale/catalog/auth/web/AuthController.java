package com.flashsale.catalog.auth.web;

import com.flashsale.auth.Caller;
import com.flashsale.catalog.auth.Authentication;
import com.flashsale.catalog.user.UserAccounts;
import com.flashsale.catalog.user.web.UserView;
import com.flashsale.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

/** Sign-in, shopper registration and "who am I". */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final Authentication authentication;
    private final UserAccounts accounts;
    private final ClientAddresses clients;

    AuthController(Authentication authentication, UserAccounts accounts, ClientAddresses clients) {
        this.authentication = authentication;
        this.accounts = accounts;
        this.clients = clients;
    }

    @PostMapping("/login")
    Mono<LoginResponse> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        return authentication
                .signIn(request.username(), request.password(), clients.of(exchange))
                .map(signedIn ->
                        new LoginResponse(signedIn.token(), signedIn.expiresAt(), UserView.of(signedIn.account())));
    }

    /** Registers a shopper. Only a username and a password are read: the role is always USER. */
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserView> register(@Valid @RequestBody RegisterRequest request, ServerWebExchange exchange) {
        return authentication
                .register(request.username(), request.password(), clients.of(exchange))
                .map(UserView::of);
    }

    @GetMapping("/me")
    Mono<UserView> me(@AuthenticationPrincipal Caller caller) {
        return accounts.findById(caller.userId())
                .map(UserView::of)
                .switchIfEmpty(Mono.error(() ->
                        new ApiProblem(HttpStatus.UNAUTHORIZED, "UNKNOWN_USER", "The account no longer exists.")));
    }

    record LoginRequest(
            @NotBlank @Size(max = 32) String username,
            @NotNull @Size(max = 72) @MaxUtf8Bytes(72) String password) {}

    record RegisterRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = "3 to 32 letters, digits, '_', '.' or '-'")
            String username,
            // BCrypt reads at most 72 bytes: longer passwords would be refused or silently truncated.
            @NotNull @Size(min = 8, message = "must be at least 8 characters") @MaxUtf8Bytes(72)
            String password) {}

    record LoginResponse(String token, Instant expiresAt, UserView user) {}
}
