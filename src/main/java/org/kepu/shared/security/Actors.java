package org.kepu.shared.security;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;

/** The actor of the current request, from the reactive security context. */
public final class Actors {

    private Actors() {}

    /** The signed-in actor; empty for an anonymous request. */
    public static Mono<Actor> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .mapNotNull(authentication -> authentication.getPrincipal() instanceof Actor actor ? actor : null);
    }

    /** The signed-in actor, or {@link Unauthenticated}. */
    public static Mono<Actor> require() {
        return current().switchIfEmpty(Mono.error(Unauthenticated::new));
    }
}
