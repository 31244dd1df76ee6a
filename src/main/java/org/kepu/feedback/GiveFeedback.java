package org.kepu.feedback;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A participant's rating of an activity, as sent (checked by the service).
 *
 * @param participant from the signed participant cookie; empty when there is none
 * @param clientAddress for the rate limit
 */
public record GiveFeedback(
        UUID activityId,
        Optional<UUID> participant,
        Integer rating,
        List<String> tags,
        String comment,
        String clientAddress) {}
