package com.flashsale.catalog.auth.web;

import com.flashsale.auth.Caller;
import com.flashsale.catalog.auth.Authentication;
import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import com.flashsale.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Sign-in, shopper registration and "who am I". */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final Authentication authentication;
    private final UserAccounts accounts;

    AuthController(Authentication authentication, UserAccounts accounts) {
        this.authentication = authentication;
        this.accounts = accounts;
    }

    @PostMapping("/login")
    Mono<LoginResponse> login(@Valid @RequestBody LoginRequest request) {
        return authentication
                .signIn(request.username(), request.password())
                .map(signedIn ->
                        new LoginResponse(signedIn.token(), signedIn.expiresAt(), UserView.of(signedIn.account())))
                .switchIfEmpty(Mono.error(() ->
                        new ApiProblem(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "Wrong username or password.")));
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserView> register(@Valid @RequestBody RegisterRequest request) {
        return authentication
                .register(request.username(), request.password())
                .map(UserView::of)
                .switchIfEmpty(Mono.error(() -> new ApiProblem(
                        HttpStatus.CONFLICT, "USERNAME_TAKEN", "The username " + request.username() + " is taken.")));
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
            @NotBlank @Size(max = 72) String password) {}

    record RegisterRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = "3 to 32 letters, digits, '_', '.' or '-'")
            String username,
            // BCrypt reads at most 72 bytes: longer passwords would be silently truncated.
            @NotBlank @Size(min = 8, max = 72) String password) {}

    record LoginResponse(String token, Instant expiresAt, UserView user) {}

    record UserView(UUID id, String username, String role) {
        static UserView of(UserAccount account) {
            return new UserView(account.id(), account.username(), account.role().name());
        }
    }
}
