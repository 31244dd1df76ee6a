package org.kepu.shared.security;

import org.kepu.shared.error.DomainException;

/** The signed-in account may not do this (wrong role, or outside its region subtree). */
public final class Forbidden extends DomainException {

    public Forbidden(String message) {
        super(Kind.FORBIDDEN, message);
    }
}
