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

    /** The same draft at other times. */
    public ActivityDraft withTimes(Instant starts, Instant ends) {
        return new ActivityDraft(
                title,
                subtitle,
                campaignId,
                regionCode,
                venue,
                starts,
                ends,
                format,
                categories,
                audiences,
                mainVenue,
                description,
                coOrganizers,
                contact,
                capacity,
                accessibility,
                liveUrl,
                checkInRadiusM);
    }

    /** The same draft in another campaign edition. */
    public ActivityDraft withCampaign(UUID campaign) {
        return new ActivityDraft(
                title,
                subtitle,
                campaign,
                regionCode,
                venue,
                startsAt,
                endsAt,
                format,
                categories,
                audiences,
                mainVenue,
                description,
                coOrganizers,
                contact,
                capacity,
                accessibility,
                liveUrl,
                checkInRadiusM);
    }

    /** The same draft with a canonical title and region code. */
    ActivityDraft canonical(String canonicalRegion) {
        return new ActivityDraft(
                title.strip(),
                subtitle,
                campaignId,
                canonicalRegion,
                venue,
                startsAt,
                endsAt,
                format,
                categories,
                audiences,
                mainVenue,
                description,
                coOrganizers,
                contact,
                capacity,
                accessibility,
                liveUrl,
                checkInRadiusM);
    }
}
