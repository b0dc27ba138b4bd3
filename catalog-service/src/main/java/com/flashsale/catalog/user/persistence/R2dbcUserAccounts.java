package com.flashsale.catalog.user.persistence;

import com.flashsale.auth.Caller;
import com.flashsale.catalog.user.StandingChange;
import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** User accounts in {@code catalog.users}. */
@Repository
class R2dbcUserAccounts implements UserAccounts {

    private static final String COLUMNS =
            "id, username, password_hash, role, enabled, tokens_valid_from, version, created_at";
    // The search term is a literal part of the name: LIKE's own wildcards in it are escaped.
    private static final String MATCHES = "lower(username) LIKE :pattern ESCAPE '\\'";

    private final DatabaseClient db;

    R2dbcUserAccounts(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<UserAccount> findByUsername(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM catalog.users WHERE lower(username) = lower(:username)")
                .bind("username", username)
                .map(R2dbcUserAccounts::toAccount)
                .one();
    }

    @Override
    public Mono<UserAccount> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM catalog.users WHERE id = :id")
                .bind("id", id)
                .map(R2dbcUserAccounts::toAccount)
                .one();
    }

    @Override
    public Mono<UserAccount> addIfAbsent(UserAccount account) {
        // The unique name (in any case) decides a registration race: the loser inserts nothing.
        return db.sql("INSERT INTO catalog.users (id, username, password_hash, role) VALUES (:id, :username, :hash,"
                        + " :role) ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
                .bind("id", account.id())
                .bind("username", account.username())
                .bind("hash", account.passwordHash())
                .bind("role", account.role().name())
                .map(R2dbcUserAccounts::toAccount)
                .one();
    }

    @Override
    public Flux<UserAccount> search(String query, int page, int size) {
        return db.sql("SELECT " + COLUMNS + " FROM catalog.users WHERE " + MATCHES
                        + " ORDER BY username LIMIT :limit OFFSET :offset")
                .bind("pattern", pattern(query))
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(R2dbcUserAccounts::toAccount)
                .all();
    }

    @Override
    public Mono<Long> count(String query) {
        return db.sql("SELECT count(*) AS n FROM catalog.users WHERE " + MATCHES)
                .bind("pattern", pattern(query))
                .map(row -> row.get("n", Long.class))
                .one();
    }

    @Override
    public Mono<UserAccount> changeStanding(UUID id, StandingChange change, Instant now) {
        // One statement: concurrent changes of one account each get their own version.
        return db.sql("UPDATE catalog.users SET role = COALESCE(CAST(:role AS varchar), role),"
                        + " enabled = COALESCE(CAST(:enabled AS boolean), enabled),"
                        + " tokens_valid_from = :now, version = version + 1, updated_at = :now WHERE id = :id"
                        + " RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind(
                        "role",
                        Parameter.fromOrEmpty(
                                change.role() == null ? null : change.role().name(), String.class))
                .bind("enabled", Parameter.fromOrEmpty(change.enabled(), Boolean.class))
                .map(R2dbcUserAccounts::toAccount)
                .one();
    }

    @Override
    public Flux<UserAccount> unpublished() {
        return db.sql("SELECT " + COLUMNS + " FROM catalog.users WHERE published_version < version")
                .map(R2dbcUserAccounts::toAccount)
                .all();
    }

    @Override
    public Mono<Void> markPublished(UUID id, long version) {
        return db.sql("UPDATE catalog.users SET published_version = :version"
                        + " WHERE id = :id AND published_version < :version")
                .bind("id", id)
                .bind("version", version)
                .then();
    }

    @Override
    public Flux<UserAccount> changedSince(Instant since) {
        return db.sql("SELECT " + COLUMNS + " FROM catalog.users WHERE version > 1 AND updated_at >= :since")
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map(R2dbcUserAccounts::toAccount)
                .all();
    }

    @Override
    public Mono<Boolean> anyAdmin() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM catalog.users WHERE role = 'ADMIN') AS found")
                .map(row -> row.get("found", Boolean.class))
                .one();
    }

    private static String pattern(String query) {
        String literal = query == null
                ? ""
                : query.strip()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_");
        return "%" + literal + "%";
    }

    private static UserAccount toAccount(Readable row) {
        return new UserAccount(
                row.get("id", UUID.class),
                row.get("username", String.class),
                row.get("password_hash", String.class),
                Caller.Role.valueOf(row.get("role", String.class)),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                row.get("tokens_valid_from", OffsetDateTime.class).toInstant(),
                row.get("version", Long.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
