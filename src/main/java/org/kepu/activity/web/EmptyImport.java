package org.kepu.activity.web;

import org.kepu.shared.error.DomainException;

/** An import file has no header row, or no activity below it. */
final class EmptyImport extends DomainException {

    EmptyImport() {
        super(Kind.INVALID, "The file has no header row or no activity rows.");
    }
}
