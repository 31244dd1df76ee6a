package org.kepu.live;

import org.kepu.shared.error.DomainException;

/** No such comment (or it has expired). */
public final class CommentNotFound extends DomainException {

    public CommentNotFound() {
        super(Kind.NOT_FOUND, "No such comment in this livestream's chat.");
    }
}
