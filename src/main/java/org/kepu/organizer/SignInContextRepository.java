package org.kepu.organizer;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who is calling: a bearer token if the request has one, else the browser session. Either way the account
 * is read from PostgreSQL, so a disabled account or a revoked token stops working on its next request.
 */
@Component
class SignInContextRepository implements ServerSecurityContextRepository {

    private static final String BEARER = "Bearer ";

    private final OrganizerService organizer;
    private final AccessTokens tokens;

    SignInContextRepository(OrganizerService organizer, AccessTokens tokens) {
        this.organizer = organizer;
        this.tokens = tokens;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        // sign-in writes the session itself (SignInSession); nothing else persists a context
        return Mono.empty();
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.justOrEmpty(tokens.verify(
                            authorization.substring(BEARER.length()).trim()))
                    .flatMap(claims -> organizer.actor(claims.accountId(), claims.issuedAt()))
                    .map(SignInContextRepository::context);
        }
        if (exchange.getRequest().getCookies().getFirst(org.kepu.shared.web.SessionCookie.NAME) == null) {
            return Mono.empty(); // no session cookie: do not touch the session store at all
        }
        return exchange.getSession()
                .flatMap(session -> Mono.justOrEmpty(SignInSession.read(session)))
                .flatMap(signedIn -> organizer.actor(signedIn.accountId(), signedIn.at()))
                .map(SignInContextRepository::context);
    }

    private static SecurityContext context(org.kepu.shared.security.Actor actor) {
        var authorities = actor.roles().stream()
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .toList();
        return new SecurityContextImpl(new UsernamePasswordAuthenticationToken(actor, null, authorities));
    }
}
