package org.kepu.shared.security;

import org.kepu.shared.error.DomainException;

/** The action needs an account and the request has none. */
public final class Unauthenticated extends DomainException {

    public Unauthenticated() {
        super(Kind.UNAUTHENTICATED, "Sign in to do this.");
    }
}
