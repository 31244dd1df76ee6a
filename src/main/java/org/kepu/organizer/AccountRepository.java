package org.kepu.organizer;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.shared.security.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class AccountRepository {

    private static final String COLUMNS = "id, username, password_hash, org_unit_id, roles, enabled, not_before";

    private final DatabaseClient db;

    AccountRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<AccountRecord> findByUsername(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM organizer.account WHERE username = :username")
                .bind("username", username)
                .map(AccountRepository::account)
                .one();
    }

    Mono<AccountRecord> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM organizer.account WHERE id = :id")
                .bind("id", id)
                .map(AccountRepository::account)
                .one();
    }

    /** Inserts unless the username is taken; emits whether it was inserted. */
    Mono<Boolean> insert(AccountRecord account, Instant now) {
        return db.sql("""
                        INSERT INTO organizer.account
                          (id, username, password_hash, org_unit_id, roles, enabled, not_before, created_at)
                        VALUES (:id, :username, :hash, :unit, :roles, :enabled, :notBefore, :now)
                        ON CONFLICT (username) DO NOTHING
                        """)
                .bind("id", account.id())
                .bind("username", account.username())
                .bind("hash", account.passwordHash())
                .bind("unit", account.orgUnitId())
                .bind("roles", account.roles().stream().map(Enum::name).sorted().toArray(String[]::new))
                .bind("enabled", account.enabled())
                .bind("notBefore", account.notBefore())
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Disables the account and invalidates everything issued so far; emits whether it existed. */
    Mono<Boolean> disable(UUID id, Instant now) {
        return db.sql("""
                        UPDATE organizer.account SET enabled = false, not_before = :now, version = version + 1
                        WHERE id = :id
                        """).bind("id", id).bind("now", now).fetch().rowsUpdated().map(rows -> rows == 1);
    }

    private static AccountRecord account(Readable row) {
        String[] roles = Optional.ofNullable(row.get("roles", String[].class)).orElse(new String[0]);
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        Arrays.stream(roles).map(Role::valueOf).forEach(parsed::add);
        return new AccountRecord(
                row.get("id", UUID.class),
                row.get("username", String.class),
                row.get("password_hash", String.class),
                row.get("org_unit_id", UUID.class),
                parsed,
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                row.get("not_before", Instant.class));
    }
}
