package org.kepu.checkin;

import java.util.Optional;
import java.util.UUID;

/**
 * A participant's check-in attempt.
 *
 * @param token a venue token from the QR code or an online token from the livestream
 * @param lat reported latitude, required when the activity has a geofence
 * @param idempotencyKey the client's retry key, if it sent one
 * @param clientAddress the client's IP address, for the per-address rate limit
 */
public record CheckIn(
        UUID activityId,
        UUID participantId,
        String token,
        Double lat,
        Double lon,
        Optional<String> idempotencyKey,
        String clientAddress) {}
