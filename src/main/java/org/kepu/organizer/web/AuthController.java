package org.kepu.organizer.web;

import jakarta.validation.Valid;
import org.kepu.organizer.AccessToken;
import org.kepu.organizer.Credentials;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.SignInSession;
import org.kepu.region.RegionService;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.Actors;
import org.kepu.shared.web.ClientAddress;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class AuthController {

    private final OrganizerService organizer;
    private final RegionService regions;
    private final WebProperties web;
    private final java.time.Clock clock;

    AuthController(OrganizerService organizer, RegionService regions, WebProperties web, java.time.Clock clock) {
        this.organizer = organizer;
        this.regions = regions;
        this.web = web;
        this.clock = clock;
    }

    /** Browser sign-in: 204 and a session cookie. */
    @PostMapping("/api/v1/auth/login")
    Mono<ResponseEntity<Void>> login(@Valid @RequestBody SignInRequest request, ServerWebExchange exchange) {
        return organizer
                .signIn(credentials(request), ClientAddress.of(exchange, web.trustedProxies()))
                .flatMap(actor -> exchange.getSession()
                        .flatMap(session -> SignInSession.start(session, actor.accountId(), clock.instant())))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/api/v1/auth/logout")
    Mono<ResponseEntity<Void>> logout(ServerWebExchange exchange) {
        return exchange.getSession()
                .flatMap(SignInSession::end)
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** A bearer token for integrations (no cookie, no CSRF). */
    @PostMapping("/api/v1/auth/tokens")
    Mono<ResponseEntity<AccessToken>> token(@Valid @RequestBody SignInRequest request, ServerWebExchange exchange) {
        return organizer
                .issueToken(credentials(request), ClientAddress.of(exchange, web.trustedProxies()))
                .map(token -> ResponseEntity.status(HttpStatus.CREATED).body(token));
    }

    @GetMapping("/api/v1/me")
    Mono<MeResponse> me() {
        return Actors.require().flatMap(this::me);
    }

    private Mono<MeResponse> me(Actor actor) {
        Mono<MeResponse.RegionRef> region = actor.regionCode().isEmpty()
                ? Mono.just(new MeResponse.RegionRef(null, "全国"))
                : regions.require(actor.regionCode().get()).map(r -> new MeResponse.RegionRef(r.code(), r.name()));
        return region.map(r -> new MeResponse(
                actor.username(),
                actor.roles().stream().map(Enum::name).sorted().toList(),
                new MeResponse.OrgUnitRef(actor.orgUnitId(), actor.orgUnitName(), r)));
    }

    private static Credentials credentials(SignInRequest request) {
        return new Credentials(request.username(), request.password());
    }
}
