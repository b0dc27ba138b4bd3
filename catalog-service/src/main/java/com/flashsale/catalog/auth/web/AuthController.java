package com.flashsale.catalog.auth.web;

import com.flashsale.auth.Caller;
import com.flashsale.catalog.auth.Authentication;
import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.Access;
import com.flashsale.web.docs.Audience;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Accounts", description = "Sign in, register, who am I.")
class AuthController {

    private final Authentication authentication;
    private final UserAccounts accounts;

    AuthController(Authentication authentication, UserAccounts accounts) {
        this.authentication = authentication;
        this.accounts = accounts;
    }

    @PostMapping("/login")
    @Access(Audience.ANYONE)
    @Operation(
            summary = "Sign in: get a bearer token",
            description = "Answers a signed JWT (`token`) and its `expiresAt`. To call the routes with a lock here,"
                    + " press **Authorize** and paste the token; elsewhere send it as `Authorization: Bearer <token>`.")
    @ProblemResponse(status = 401, reason = "BAD_CREDENTIALS", detail = "Wrong username or password.")
    Mono<LoginResponse> login(@Valid @RequestBody LoginRequest request) {
        return authentication
                .signIn(request.username(), request.password())
                .map(signedIn ->
                        new LoginResponse(signedIn.token(), signedIn.expiresAt(), UserView.of(signedIn.account())))
                .switchIfEmpty(Mono.error(() ->
                        new ApiProblem(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "Wrong username or password.")));
    }

    @PostMapping("/register")
    @Access(Audience.ANYONE)
    @Operation(summary = "Register a shopper", description = "The new account's role is always USER.")
    @ProblemResponse(status = 409, reason = "USERNAME_TAKEN", detail = "The username alice is taken.")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserView> register(@Valid @RequestBody RegisterRequest request) {
        return authentication
                .register(request.username(), request.password())
                .map(UserView::of)
                .switchIfEmpty(Mono.error(() -> new ApiProblem(
                        HttpStatus.CONFLICT, "USERNAME_TAKEN", "The username " + request.username() + " is taken.")));
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

            @Schema(example = "Satu123") @NotBlank @Size(max = 72)
            String password) {}

    record RegisterRequest(
            @Schema(example = "alice")
            @NotBlank
            @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = "3 to 32 letters, digits, '_', '.' or '-'")
            String username,
            // BCrypt reads at most 72 bytes: longer passwords would be silently truncated.
            @Schema(example = "correct horse battery") @NotBlank @Size(min = 8, max = 72)
            String password) {}

    record LoginResponse(String token, Instant expiresAt, UserView user) {}

    record UserView(UUID id, String username, String role) {
        static UserView of(UserAccount account) {
            return new UserView(account.id(), account.username(), account.role().name());
        }
    }
}
