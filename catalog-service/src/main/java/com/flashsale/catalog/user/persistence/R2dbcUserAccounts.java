package com.flashsale.catalog.user.persistence;

import com.flashsale.auth.Caller;
import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** User accounts in {@code catalog.users}. */
@Repository
class R2dbcUserAccounts implements UserAccounts {

    private static final String COLUMNS = "id, username, password_hash, role, created_at";

    private final DatabaseClient db;

    R2dbcUserAccounts(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<UserAccount> findByUsername(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM catalog.users WHERE username = :username")
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
        // The unique username decides a registration race: the loser inserts nothing.
        return db.sql("INSERT INTO catalog.users (id, username, password_hash, role) VALUES (:id, :username, :hash,"
                        + " :role) ON CONFLICT (username) DO NOTHING RETURNING " + COLUMNS)
                .bind("id", account.id())
                .bind("username", account.username())
                .bind("hash", account.passwordHash())
                .bind("role", account.role().name())
                .map(R2dbcUserAccounts::toAccount)
                .one();
    }

    private static UserAccount toAccount(Readable row) {
        return new UserAccount(
                row.get("id", UUID.class),
                row.get("username", String.class),
                row.get("password_hash", String.class),
                Caller.Role.valueOf(row.get("role", String.class)),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
