package org.kepu.checkin;

import java.time.Instant;

/** A livestream viewer's check-in token, bound to the participant; accepted by the check-in endpoint. */
public record OnlineToken(String token, Instant expiresAt) {}
