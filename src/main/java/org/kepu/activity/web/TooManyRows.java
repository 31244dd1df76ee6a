package org.kepu.activity.web;

import org.kepu.shared.error.DomainException;

/** An import file holds more activities than one import takes. */
final class TooManyRows extends DomainException {

    TooManyRows(int max) {
        super(Kind.INVALID, "A file holds at most " + max + " activities; split it into several files.");
    }
}
