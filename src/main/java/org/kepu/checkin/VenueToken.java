package org.kepu.checkin;

import java.time.Instant;

/**
 * The venue's current check-in code. {@code expiresAt} is when the screen should show the next one; the
 * code itself stays accepted for one more window, so a scan just before the change still works.
 *
 * @param url the check-in page's path with the token, as encoded in the QR code (relative)
 */
public record VenueToken(String token, String url, Instant expiresAt) {}
