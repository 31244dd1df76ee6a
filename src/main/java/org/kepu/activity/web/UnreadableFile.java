package org.kepu.activity.web;

import org.kepu.shared.error.DomainException;

/** An import file is not a UTF-8 CSV or an XLSX workbook, or is damaged; the message says which. */
final class UnreadableFile extends DomainException {

    UnreadableFile(String why) {
        super(Kind.INVALID, why);
    }
}
