package org.kepu.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One participant's feedback on one activity. The comment is plain text exactly as stored; whoever outputs
 * it encodes it.
 *
 * @param reports reports since it was last restored
 */
public record FeedbackDetails(
        UUID id,
        UUID activityId,
        int rating,
        List<FeedbackTag> tags,
        Optional<String> comment,
        FeedbackState state,
        int reports,
        Optional<Reply> reply,
        Instant createdAt,
        Instant updatedAt) {

    public FeedbackDetails {
        tags = List.copyOf(tags);
    }

    /** The organizer's one public reply. */
    public record Reply(String text, Instant at) {}
}
