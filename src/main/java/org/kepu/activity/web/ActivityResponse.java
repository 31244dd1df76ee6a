package org.kepu.activity.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.kepu.activity.Accessibility;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityDraft;
import org.kepu.shared.time.CampaignTime;

/** An activity as its organizer and reviewers see it: everything, with status, reason and version. */
record ActivityResponse(
        UUID id,
        String title,
        String subtitle,
        UUID campaignId,
        String regionCode,
        Organizer organizer,
        Venue venue,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String format,
        List<String> categories,
        List<String> audiences,
        boolean mainVenue,
        String description,
        List<String> coOrganizers,
        Contact contact,
        Integer capacity,
        Accessibility accessibility,
        Live live,
        Integer checkInRadiusM,
        String status,
        String statusReason,
        List<UUID> possibleDuplicates,
        long version) {

    record Organizer(UUID id, String name) {}

    record Venue(String name, String address, Location location) {}

    record Location(double lat, double lon) {}

    record Contact(String name, String phone, boolean published) {}

    record Live(String url) {}

    static ActivityResponse of(Activity a) {
        ActivityDraft d = a.draft();
        return new ActivityResponse(
                a.id(),
                d.title(),
                d.subtitle(),
                d.campaignId(),
                d.regionCode(),
                new Organizer(a.orgUnitId(), a.organizerName()),
                d.venue() == null
                        ? null
                        : new Venue(
                                d.venue().name(),
                                d.venue().address(),
                                new Location(d.venue().lat(), d.venue().lon())),
                CampaignTime.at(d.startsAt()),
                CampaignTime.at(d.endsAt()),
                d.format().name(),
                d.categories().stream().map(Enum::name).sorted().toList(),
                d.audiences().stream().map(Enum::name).sorted().toList(),
                d.mainVenue(),
                d.description(),
                d.coOrganizers(),
                d.contact() == null
                        ? null
                        : new Contact(
                                d.contact().name(),
                                d.contact().phone(),
                                d.contact().published()),
                d.capacity(),
                d.accessibility(),
                d.liveUrl() == null ? null : new Live(d.liveUrl()),
                d.checkInRadiusM(),
                a.status().name(),
                a.statusReason().orElse(null),
                a.possibleDuplicates(),
                a.version());
    }
}
