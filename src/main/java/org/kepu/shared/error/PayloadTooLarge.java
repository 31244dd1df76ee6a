package org.kepu.shared.error;

/** The request body is larger than the configured limit. */
public final class PayloadTooLarge extends RuntimeException {

    public PayloadTooLarge(long limitBytes) {
        super("The request body exceeds " + limitBytes + " bytes.", null, false, false);
    }
}
