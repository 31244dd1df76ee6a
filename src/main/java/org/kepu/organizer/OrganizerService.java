package org.kepu.organizer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.kepu.region.RegionService;
import org.kepu.shared.audit.AuditLog;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.Forbidden;
import org.kepu.shared.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The organizer module's API: sign-in (sessions and bearer tokens), org units, accounts and the actor
 * every request runs as. Administration is checked here as well as at the route (defence in depth).
 */
@Service
public class OrganizerService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,39}");

    private final AccountRepository accounts;
    private final OrgUnitRepository units;
    private final Passwords passwords;
    private final AccessTokens tokens;
    private final LoginThrottle throttle;
    private final RegionService regions;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    OrganizerService(
            AccountRepository accounts,
            OrgUnitRepository units,
            Passwords passwords,
            AccessTokens tokens,
            LoginThrottle throttle,
            RegionService regions,
            AuditLog audit,
            TransactionalOperator tx,
            Clock clock) {
        this.accounts = accounts;
        this.units = units;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.regions = regions;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Checks a username and password. Wrong password, unknown or disabled account all answer the same
     * {@link InvalidCredentials}; too many failures answer {@code rate-limited}.
     */
    public Mono<Actor> signIn(Credentials credentials, String clientAddress) {
        String username = normalize(credentials.username());
        return throttle.check(username, clientAddress)
                .then(accounts.findByUsername(username).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(account -> passwords
                        .matches(
                                credentials.password(),
                                account.map(AccountRecord::passwordHash).orElse(null))
                        .flatMap(ok -> ok && account.get().enabled()
                                ? throttle.succeeded(username).then(actor(account.get()))
                                : throttle.failed(username, clientAddress).then(Mono.error(InvalidCredentials::new))));
    }

    /** Signs in and issues a bearer token for an integration. */
    public Mono<AccessToken> issueToken(Credentials credentials, String clientAddress) {
        return signIn(credentials, clientAddress).map(actor -> tokens.issue(actor.accountId()));
    }

    /** The actor for a session or token issued at {@code issuedAt}; empty when no longer honoured. */
    Mono<Actor> actor(UUID accountId, Instant issuedAt) {
        return accounts.findById(accountId)
                .filter(account -> account.accepts(issuedAt))
                .flatMap(this::actor);
    }

    private Mono<Actor> actor(AccountRecord account) {
        return units.findById(account.orgUnitId())
                .map(unit -> new Actor(
                        account.id(), account.username(), account.roles(), unit.id(), unit.name(), unit.regionCode()));
    }

    public Mono<OrgUnit> orgUnit(UUID id) {
        return units.findById(id).switchIfEmpty(Mono.error(OrgUnitNotFound::new));
    }

    /** Creates an org unit; its region must lie inside its parent's. */
    public Mono<OrgUnit> createOrgUnit(Actor admin, CreateOrgUnit command) {
        return requireAdmin(admin)
                .then(validate(command))
                .flatMap(unit -> tx.transactional(units.insert(unit, clock.instant())
                        .flatMap(inserted -> inserted ? Mono.just(unit) : Mono.error(OrgUnitExists::new))
                        .flatMap(created -> audit.record(
                                        admin.username(),
                                        "org-unit.created",
                                        "org-unit",
                                        created.id().toString(),
                                        Map.of(
                                                "name", created.name(),
                                                "kind", created.kind().name(),
                                                "region", created.regionCode().orElse("")))
                                .thenReturn(created))));
    }

    /**
     * The unit with this name in this region, created (national level, no parent) when missing: for demo
     * and imported data that know organizers only by name. Idempotent and safe to call concurrently, as the
     * name is unique within a region. Not audited: no person acts. Fails with {@link ValidationFailed} for
     * a bad name or kind and with {@code RegionNotFound} for an unknown region.
     */
    public Mono<OrgUnit> ensureOrgUnit(String name, OrgUnitKind kind, Optional<String> regionCode) {
        return validate(new CreateOrgUnit(name, kind, regionCode, Optional.empty()))
                .flatMap(unit -> insertOrFind(unit, clock.instant()));
    }

    /** Creates an account in an existing org unit. */
    public Mono<AccountSummary> createAccount(Actor admin, CreateAccount command) {
        return requireAdmin(admin)
                .then(Mono.defer(() -> validate(command)))
                // deferred: built eagerly, the lookup would run (and fail on a null id) before validation answers
                .then(Mono.defer(() -> orgUnit(command.orgUnitId()))
                        .onErrorMap(
                                OrgUnitNotFound.class,
                                e -> ValidationFailed.of("orgUnitId", "not-found", "No org unit has this id.")))
                .then(passwords.hash(command.password()))
                .flatMap(hash -> {
                    Instant now = clock.instant();
                    AccountRecord account = new AccountRecord(
                            UUID.randomUUID(),
                            normalize(command.username()),
                            hash,
                            command.orgUnitId(),
                            command.roles(),
                            true,
                            now);
                    return tx.transactional(accounts.insert(account, now)
                            .flatMap(inserted -> inserted ? Mono.just(account) : Mono.error(UsernameTaken::new))
                            .flatMap(created -> audit.record(
                                            admin.username(),
                                            "account.created",
                                            "account",
                                            created.id().toString(),
                                            Map.of(
                                                    "username", created.username(),
                                                    "roles",
                                                            created.roles().stream()
                                                                    .map(Enum::name)
                                                                    .sorted()
                                                                    .toList(),
                                                    "orgUnitId",
                                                            created.orgUnitId().toString()))
                                    .thenReturn(created.summary())));
                });
    }

    /** Disables an account: its sessions and tokens stop working at once, on every instance. */
    public Mono<Void> disableAccount(Actor admin, UUID accountId) {
        return requireAdmin(admin)
                .then(tx.transactional(accounts.disable(accountId, clock.instant())
                        .flatMap(found -> found
                                ? audit.record(
                                        admin.username(), "account.disabled", "account", accountId.toString(), Map.of())
                                : Mono.error(AccountNotFound::new))));
    }

    /**
     * Creates what is missing of the given org units and accounts (dev profile demo data). A unit of the
     * same name and region may exist already under another id (created by {@link #ensureOrgUnit} from other
     * demo data, possibly at the same moment), so children and accounts point at the stored id.
     */
    Mono<Void> ensure(List<OrgUnit> demoUnits, List<AccountRecord> demoAccounts) {
        Instant now = clock.instant();
        Map<UUID, UUID> stored = new java.util.concurrent.ConcurrentHashMap<>();
        return reactor.core.publisher.Flux.fromIterable(demoUnits)
                .concatMap(unit -> {
                    OrgUnit u = new OrgUnit(
                            unit.id(),
                            unit.name(),
                            unit.kind(),
                            unit.regionCode(),
                            unit.parentId().map(p -> stored.getOrDefault(p, p)));
                    return insertOrFind(u, now).doOnNext(s -> stored.put(unit.id(), s.id()));
                })
                .thenMany(reactor.core.publisher.Flux.fromIterable(demoAccounts)
                        .concatMap(a -> accounts.insert(
                                new AccountRecord(
                                        a.id(),
                                        a.username(),
                                        a.passwordHash(),
                                        stored.getOrDefault(a.orgUnitId(), a.orgUnitId()),
                                        a.roles(),
                                        a.enabled(),
                                        a.notBefore()),
                                now)))
                .then();
    }

    private Mono<OrgUnit> insertOrFind(OrgUnit unit, Instant now) {
        // a concurrent insert of the same name and region makes ours wait for its commit, then do nothing
        return units.insert(unit, now)
                .flatMap(inserted ->
                        inserted ? Mono.just(unit) : units.findByNameAndRegion(unit.name(), unit.regionCode()))
                // empty only if the conflicting row was deleted in between: fail rather than answer nothing
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("org unit neither inserted nor found")));
    }

    private static Mono<Void> requireAdmin(Actor actor) {
        return actor.has(Role.ADMIN)
                ? Mono.empty()
                : Mono.error(() -> new Forbidden("Only administrators may do this."));
    }

    private Mono<OrgUnit> validate(CreateOrgUnit command) {
        List<FieldError> errors = new ArrayList<>();
        String name = command.name() == null ? "" : command.name().strip();
        if (name.length() < 2 || name.length() > 100) {
            errors.add(new FieldError("name", "length", "A name has 2 to 100 characters."));
        }
        if (command.kind() == null) {
            errors.add(new FieldError("kind", "required", "The kind of unit is required."));
        }
        if (!errors.isEmpty()) {
            return Mono.error(new ValidationFailed(errors));
        }
        Mono<Optional<String>> region = command.regionCode().isPresent()
                ? regions.require("regionCode", command.regionCode().get()).map(r -> Optional.of(r.code()))
                : Mono.just(Optional.empty());
        return region.flatMap(code -> {
            OrgUnit unit = new OrgUnit(UUID.randomUUID(), name, command.kind(), code, command.parentId());
            if (command.parentId().isEmpty()) {
                return Mono.just(unit);
            }
            return units.findById(command.parentId().get())
                    .switchIfEmpty(
                            Mono.error(() -> ValidationFailed.of("parentId", "not-found", "No org unit has this id.")))
                    .flatMap(parent -> parent.regionCode().isEmpty()
                                    || code.map(c -> c.startsWith(
                                                    parent.regionCode().get()))
                                            .orElse(false)
                            ? Mono.just(unit)
                            : Mono.error(ValidationFailed.of(
                                    "regionCode",
                                    "outside-parent",
                                    "The region must lie inside the parent unit's region.")));
        });
    }

    private static Mono<Void> validate(CreateAccount command) {
        List<FieldError> errors = new ArrayList<>();
        if (command.username() == null
                || !USERNAME.matcher(normalize(command.username())).matches()) {
            errors.add(new FieldError(
                    "username", "pattern", "3 to 40 characters: letters, digits, dot, dash, underscore."));
        }
        errors.addAll(Passwords.problems("password", command.password()));
        if (command.roles() == null || command.roles().isEmpty()) {
            errors.add(new FieldError("roles", "required", "At least one role is required."));
        }
        if (command.orgUnitId() == null) {
            errors.add(new FieldError("orgUnitId", "required", "The org unit is required."));
        }
        return errors.isEmpty() ? Mono.empty() : Mono.error(new ValidationFailed(errors));
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    static EnumSet<Role> roles(Role... roles) {
        return roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
    }
}
