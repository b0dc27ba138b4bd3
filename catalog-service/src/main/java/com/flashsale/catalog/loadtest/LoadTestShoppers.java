package com.flashsale.catalog.loadtest;

import com.flashsale.auth.Caller;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Seeds shoppers in bulk for load tests and hands back their tokens (ADMIN only, and only where
 * {@code flashsale.load-test.enabled} is true, as on the local stack). Twenty thousand sign-ins at
 * production BCrypt cost would take half an hour of CPU; this hashes the shared password once and
 * inserts all accounts in one statement. Never enable it on a production deployment.
 */
@RestController
@Tag(name = "Load tests", description = "Only where flashsale.load-test.enabled is true (the local stack).")
class LoadTestShoppers {

    private final DatabaseClient db;
    private final PasswordEncoder passwords;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final boolean enabled;

    LoadTestShoppers(
            DatabaseClient db,
            PasswordEncoder passwords,
            TokenIssuer issuer,
            Clock clock,
            @Value("${flashsale.load-test.enabled:false}") boolean enabled) {
        this.db = db;
        this.passwords = passwords;
        this.issuer = issuer;
        this.clock = clock;
        this.enabled = enabled;
    }

    @PostMapping("/api/admin/load-test/shoppers")
    @Operation(summary = "Seed shoppers in bulk and answer their tokens")
    @ProblemResponse(
            status = 404,
            reason = "LOAD_TEST_DISABLED",
            detail = "Load-test seeding is disabled on this deployment.")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<List<SeededShopper>> seed(@Valid @RequestBody SeedRequest request) {
        if (!enabled) {
            return Mono.error(new ApiProblem(
                    HttpStatus.NOT_FOUND, "LOAD_TEST_DISABLED", "Load-test seeding is disabled on this deployment."));
        }
        return Mono.fromCallable(() -> passwords.encode(request.password()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> {
                    int n = request.count();
                    UUID[] ids = new UUID[n];
                    String[] names = new String[n];
                    for (int i = 0; i < n; i++) {
                        ids[i] = UUID.randomUUID();
                        names[i] = request.prefix() + "-" + i;
                    }
                    // One statement for all; names already taken keep their accounts and are not returned.
                    return db.sql("INSERT INTO catalog.users (id, username, password_hash, role)"
                                    + " SELECT id, name, :hash, 'USER' FROM unnest(CAST(:ids AS uuid[]),"
                                    + " CAST(:names AS text[])) AS t(id, name)"
                                    + " ON CONFLICT DO NOTHING RETURNING id, username")
                            .bind("hash", hash)
                            .bind("ids", ids)
                            .bind("names", names)
                            .map(row -> new Caller(
                                    row.get("id", UUID.class),
                                    row.get("username", String.class),
                                    Caller.Role.USER,
                                    null))
                            .all()
                            .collectList();
                })
                .publishOn(Schedulers.boundedElastic())
                .map(callers -> {
                    Instant now = clock.instant();
                    // An RSA signature costs about a millisecond: use every core.
                    return callers.parallelStream()
                            .map(caller -> new SeededShopper(
                                    caller.userId(),
                                    caller.username(),
                                    issuer.issue(caller, now).token()))
                            .toList();
                });
    }

    record SeedRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.]{1,20}")
            String prefix,

            @Min(1) @Max(50_000) int count,
            @NotBlank @Size(min = 8, max = 72) String password) {}

    record SeededShopper(UUID id, String username, String token) {}
}
