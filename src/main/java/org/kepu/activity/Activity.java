package org.kepu.activity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An activity as stored: the draft plus identity, ownership, workflow state and version. */
public record Activity(
        UUID id,
        UUID orgUnitId,
        String organizerName,
        ActivityDraft draft,
        ActivityStatus status,
        Optional<String> statusReason,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> submittedAt,
        List<UUID> possibleDuplicates) {

    public Activity {
        possibleDuplicates = List.copyOf(possibleDuplicates);
    }

    /** The status the public sees at {@code now}. */
    public PublicStatus publicStatus(Instant now) {
        return switch (status) {
            case CANCELLED -> PublicStatus.CANCELLED;
            case POSTPONED -> PublicStatus.POSTPONED;
            default ->
                now.isBefore(draft.startsAt())
                        ? PublicStatus.UPCOMING
                        : now.isBefore(draft.endsAt()) ? PublicStatus.LIVE : PublicStatus.ENDED;
        };
    }

    /** Whether the public may see it at all. */
    public boolean isPublic() {
        return status == ActivityStatus.PUBLISHED
                || status == ActivityStatus.CANCELLED
                || status == ActivityStatus.POSTPONED;
    }
}
