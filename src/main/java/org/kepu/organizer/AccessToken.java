package org.kepu.organizer;

import java.time.Instant;

/** A signed bearer token for integrations. */
public record AccessToken(String accessToken, Instant expiresAt) {}
