package com.flashsale.catalog.user.web;

import com.flashsale.auth.Caller;
import com.flashsale.catalog.user.StandingChange;
import com.flashsale.catalog.user.UserAccounts;
import com.flashsale.catalog.user.messaging.AccountPublisher;
import com.flashsale.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The admin routes for accounts: list and search, read, change role, disable and enable. */
@RestController
@Validated
@RequestMapping("/api/admin/users")
class AdminUserController {

    private final UserAccounts accounts;
    private final AccountPublisher publisher;
    private final Clock clock;

    AdminUserController(UserAccounts accounts, AccountPublisher publisher, Clock clock) {
        this.accounts = accounts;
        this.publisher = publisher;
        this.clock = clock;
    }

    @GetMapping
    Mono<UserPage> list(
            @RequestParam(defaultValue = "") @Size(max = 32) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return Mono.zip(accounts.search(q, page, size).map(UserView::of).collectList(), accounts.count(q))
                .map(t -> new UserPage(t.getT1(), page, size, t.getT2()));
    }

    @GetMapping("/{id}")
    Mono<UserView> one(@PathVariable UUID id) {
        return accounts.findById(id).map(UserView::of).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** Changes the role or the standing; tokens issued before stop working within seconds everywhere. */
    @PatchMapping("/{id}")
    Mono<UserView> change(
            @PathVariable UUID id, @Valid @RequestBody Change request, @AuthenticationPrincipal Caller admin) {
        if (request.role() == null && request.enabled() == null) {
            return Mono.error(ApiProblem.invalidField("role", "give a role, enabled, or both"));
        }
        StandingChange change = new StandingChange(
                request.role() == null ? null : Caller.Role.valueOf(request.role()), request.enabled());
        return accounts.findById(id)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(account -> {
                    var refusal = change.refusal(account, admin.userId());
                    if (refusal.isPresent()) {
                        return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "SELF_CHANGE", refusal.get()));
                    }
                    if (!change.changes(account)) {
                        return Mono.just(account);
                    }
                    // Committed first; if Kafka is slow the scheduled re-publication delivers it.
                    return accounts.changeStanding(id, change, clock.instant())
                            .flatMap(changed -> publisher
                                    .publish(changed)
                                    .timeout(Duration.ofSeconds(5))
                                    .onErrorReturn(changed));
                })
                .map(UserView::of);
    }

    private static ApiProblem notFound(UUID id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "USER_NOT_FOUND", "No user " + id + ".");
    }

    record UserPage(List<UserView> items, int page, int size, long total) {}

    record Change(
            @Pattern(regexp = "USER|ADMIN", message = "must be USER or ADMIN")
            String role,

            Boolean enabled) {}
}
