package org.kepu.activity;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an organizer writes: every editable field of an activity. Nullable fields are optional; the
 * rules in {@code ActivityRules} decide what a valid draft is.
 */
public record ActivityDraft(
        String title,
        String subtitle,
        UUID campaignId,
        String regionCode,
        Venue venue,
        Instant startsAt,
        Instant endsAt,
        Format format,
        Set<Category> categories,
        Set<Audience> audiences,
        boolean mainVenue,
        String description,
        List<String> coOrganizers,
        Contact contact,
        Integer capacity,
        Accessibility accessibility,
        String liveUrl,
        Integer checkInRadiusM) {

    public ActivityDraft {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
        coOrganizers = coOrganizers == null ? List.of() : List.copyOf(coOrganizers);
        accessibility = accessibility == null ? Accessibility.NONE : accessibility;
        description = description == null ? "" : description;
    }
}
