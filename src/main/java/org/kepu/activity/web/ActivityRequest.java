package org.kepu.activity.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.kepu.activity.Accessibility;
import org.kepu.activity.ActivityDraft;
import org.kepu.activity.Audience;
import org.kepu.activity.Category;
import org.kepu.activity.Contact;
import org.kepu.activity.Format;
import org.kepu.activity.Venue;
import org.kepu.shared.error.ValidationFailed;

/** The organizer's activity body (API.md); {@code version} is required on PUT. */
record ActivityRequest(
        String title,
        String subtitle,
        UUID campaignId,
        String regionCode,
        VenueBody venue,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        Format format,
        Set<Category> categories,
        Set<Audience> audiences,
        Boolean mainVenue,
        String description,
        List<String> coOrganizers,
        ContactBody contact,
        Integer capacity,
        AccessibilityBody accessibility,
        LiveBody live,
        Integer checkInRadiusM,
        Long version) {

    record VenueBody(String name, String address, Location location) {}

    record Location(Double lat, Double lon) {}

    record ContactBody(String name, String phone, Boolean published) {}

    record AccessibilityBody(Boolean wheelchair, Boolean signLanguage, Boolean captions, Boolean elderFriendly) {}

    record LiveBody(String url) {}

    ActivityDraft draft() {
        Venue v = null;
        if (venue != null) {
            if (venue.location() == null
                    || venue.location().lat() == null
                    || venue.location().lon() == null) {
                throw ValidationFailed.of("venue.location", "required", "A venue needs its location (lat, lon).");
            }
            v = new Venue(
                    venue.name(),
                    venue.address(),
                    venue.location().lat(),
                    venue.location().lon());
        }
        if (venue != null && venue.name() == null) {
            throw ValidationFailed.of("venue.name", "required", "A venue needs a name.");
        }
        return new ActivityDraft(
                title,
                subtitle,
                campaignId,
                regionCode,
                v,
                startsAt == null ? null : startsAt.toInstant(),
                endsAt == null ? null : endsAt.toInstant(),
                format,
                categories,
                audiences,
                Boolean.TRUE.equals(mainVenue),
                description,
                coOrganizers,
                contact == null
                        ? null
                        : new Contact(contact.name(), contact.phone(), Boolean.TRUE.equals(contact.published())),
                capacity,
                accessibility == null
                        ? Accessibility.NONE
                        : new Accessibility(
                                Boolean.TRUE.equals(accessibility.wheelchair()),
                                Boolean.TRUE.equals(accessibility.signLanguage()),
                                Boolean.TRUE.equals(accessibility.captions()),
                                Boolean.TRUE.equals(accessibility.elderFriendly())),
                live == null ? null : live.url(),
                checkInRadiusM);
    }
}
