package org.kepu.organizer.web;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.organizer.AccountSummary;
import org.kepu.organizer.CreateAccount;
import org.kepu.organizer.CreateOrgUnit;
import org.kepu.organizer.OrgUnit;
import org.kepu.organizer.OrganizerService;
import org.kepu.shared.audit.AuditEvent;
import org.kepu.shared.audit.AuditLog;
import org.kepu.shared.error.InvalidParameter;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.security.Actors;
import org.kepu.shared.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

    private final OrganizerService organizer;
    private final AuditLog audit;

    AdminController(OrganizerService organizer, AuditLog audit) {
        this.organizer = organizer;
        this.audit = audit;
    }

    @PostMapping("/org-units")
    Mono<ResponseEntity<OrgUnitResponse>> createOrgUnit(@RequestBody CreateOrgUnitRequest request) {
        CreateOrgUnit command = new CreateOrgUnit(
                request.name(),
                request.kind(),
                Optional.ofNullable(request.regionCode()),
                Optional.ofNullable(request.parentId()));
        return Actors.require()
                .flatMap(admin -> organizer.createOrgUnit(admin, command))
                .map(unit -> ResponseEntity.created(URI.create("/api/v1/admin/org-units/" + unit.id()))
                        .body(OrgUnitResponse.of(unit)));
    }

    @PostMapping("/users")
    Mono<ResponseEntity<AccountSummary>> createUser(@RequestBody CreateUserRequest request) {
        return Mono.fromCallable(() -> command(request))
                .flatMap(command -> Actors.require().flatMap(admin -> organizer.createAccount(admin, command)))
                .map(account -> ResponseEntity.created(URI.create("/api/v1/admin/users/" + account.id()))
                        .body(account));
    }

    @PostMapping("/users/{id}/disable")
    Mono<ResponseEntity<Void>> disable(@PathVariable UUID id) {
        return Actors.require()
                .flatMap(admin -> organizer.disableAccount(admin, id))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** Newest first; pass the last entry's {@code at} as {@code before} for the next page. */
    @GetMapping("/audit")
    Mono<List<AuditEvent>> audit(
            @RequestParam Optional<String> targetId,
            @RequestParam Optional<String> before,
            @RequestParam(defaultValue = "50") int size) {
        if (size < 1 || size > 200) {
            return Mono.error(new InvalidParameter("size", "size is 1 to 200."));
        }
        Optional<Instant> until;
        try {
            until = before.map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Mono.error(new InvalidParameter("before", "before is an ISO-8601 instant."));
        }
        return audit.list(targetId, until, size).collectList();
    }

    private static CreateAccount command(CreateUserRequest request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (request.role() != null && request.roles() != null) {
            throw ValidationFailed.of("roles", "ambiguous", "Give either role or roles, not both.");
        }
        if (request.role() != null) {
            roles.add(request.role());
        }
        if (request.roles() != null) {
            request.roles().stream().filter(java.util.Objects::nonNull).forEach(roles::add);
        }
        return new CreateAccount(request.username(), request.password(), roles, request.orgUnitId());
    }

    record OrgUnitResponse(UUID id, String name, String kind, String regionCode, UUID parentId) {
        static OrgUnitResponse of(OrgUnit unit) {
            return new OrgUnitResponse(
                    unit.id(),
                    unit.name(),
                    unit.kind().name(),
                    unit.regionCode().orElse(null),
                    unit.parentId().orElse(null));
        }
    }
}
