package org.kepu.activity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.kepu.campaign.CampaignEdition;
import org.kepu.campaign.CampaignService;
import org.kepu.region.RegionDetails;
import org.kepu.region.RegionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds the public shapes of API.md ({@code ActivitySummary}, {@code ActivityDetail}) from activities: for
 * the public detail, for the listing, and for the search index's stored summaries.
 */
@Component
public class ActivitySummaries {

    private final RegionService regions;
    private final CampaignService campaigns;
    private final ActivityService activities;
    private final Clock clock;
    private final ObjectProvider<ActivityRatings> ratings;
    private final ObjectProvider<ActivityCheckIns> checkIns;

    ActivitySummaries(
            RegionService regions,
            CampaignService campaigns,
            ActivityService activities,
            Clock clock,
            ObjectProvider<ActivityRatings> ratings,
            ObjectProvider<ActivityCheckIns> checkIns) {
        this.checkIns = checkIns;
        this.regions = regions;
        this.campaigns = campaigns;
        this.activities = activities;
        this.clock = clock;
        this.ratings = ratings;
    }

    public record CampaignRef(UUID id, String kind, int year, String name) {}

    public record Ref(String code, String name) {}

    public record RegionRef(String code, String name, List<Ref> path) {}

    public record Location(double lat, double lon) {}

    public record Venue(String name, String address, Location location) {}

    /** The average of the ratings (one decimal), null when there is none, and how many there are. */
    public record Rating(Double average, int count) {

        static final Rating NONE = new Rating(null, 0);
    }

    public record Live(String url, String state) {}

    public record Organizer(UUID id, String name) {}

    public record Summary(
            UUID id,
            String title,
            String subtitle,
            CampaignRef campaign,
            Organizer organizer,
            RegionRef region,
            Venue venue,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String format,
            List<String> categories,
            List<String> audiences,
            boolean mainVenue,
            String status,
            Double distanceKm,
            Rating rating,
            long checkIns,
            Live live) {}

    public record Contact(String name, String phone) {}

    public record Detail(
            UUID id,
            String title,
            String subtitle,
            CampaignRef campaign,
            Organizer organizer,
            RegionRef region,
            Venue venue,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String format,
            List<String> categories,
            List<String> audiences,
            boolean mainVenue,
            String status,
            Double distanceKm,
            Rating rating,
            long checkIns,
            Live live,
            String description,
            List<String> coOrganizers,
            Contact contact,
            Integer capacity,
            List<String> images,
            Accessibility accessibility,
            Evidence evidence,
            Integer checkInRadiusM,
            String statusReason) {}

    public Mono<List<Summary>> summaries(List<Activity> found) {
        return Mono.zip(
                        Flux.fromIterable(found.stream()
                                        .map(a -> a.draft().campaignId())
                                        .distinct()
                                        .toList())
                                .flatMap(campaigns::require, 4)
                                .collectMap(CampaignEdition::id),
                        ratings(found.stream().map(Activity::id).toList()),
                        checkIns(found.stream().map(Activity::id).toList()))
                .flatMap(t -> Flux.fromIterable(found)
                        .concatMap(a -> regions.details(a.draft().regionCode())
                                .map(region -> summary(
                                        a,
                                        t.getT1().get(a.draft().campaignId()),
                                        region,
                                        t.getT2().getOrDefault(a.id(), Rating.NONE),
                                        t.getT3().getOrDefault(a.id(), 0L))))
                        .collectList());
    }

    public Mono<Detail> detail(Activity a) {
        return Mono.zip(
                        campaigns.require(a.draft().campaignId()),
                        regions.details(a.draft().regionCode()),
                        activities.publicEvidence(a),
                        ratings(List.of(a.id())),
                        checkIns(List.of(a.id())))
                .map(t -> {
                    Summary s = summary(
                            a,
                            t.getT1(),
                            t.getT2(),
                            t.getT4().getOrDefault(a.id(), Rating.NONE),
                            t.getT5().getOrDefault(a.id(), 0L));
                    ActivityDraft d = a.draft();
                    Contact contact = d.contact() != null && d.contact().published()
                            ? new Contact(d.contact().name(), d.contact().phone())
                            : null;
                    Optional<Evidence> evidence = t.getT3();
                    return new Detail(
                            s.id(),
                            s.title(),
                            s.subtitle(),
                            s.campaign(),
                            s.organizer(),
                            s.region(),
                            s.venue(),
                            s.startsAt(),
                            s.endsAt(),
                            s.format(),
                            s.categories(),
                            s.audiences(),
                            s.mainVenue(),
                            s.status(),
                            s.distanceKm(),
                            s.rating(),
                            s.checkIns(),
                            s.live(),
                            d.description(),
                            d.coOrganizers(),
                            contact,
                            d.capacity(),
                            evidence.map(Evidence::photos).orElse(List.of()),
                            d.accessibility(),
                            evidence.orElse(null),
                            d.checkInRadiusM(),
                            a.statusReason().orElse(null));
                });
    }

    private Mono<Map<UUID, Rating>> ratings(List<UUID> ids) {
        ActivityRatings source = ratings.getIfAvailable();
        return source == null || ids.isEmpty() ? Mono.just(Map.of()) : source.ratings(ids);
    }

    private Mono<Map<UUID, Long>> checkIns(List<UUID> ids) {
        ActivityCheckIns source = checkIns.getIfAvailable();
        return source == null || ids.isEmpty() ? Mono.just(Map.of()) : source.checkIns(ids);
    }

    private Summary summary(
            Activity a, CampaignEdition campaign, RegionDetails region, Rating rating, long checkInCount) {
        ActivityDraft d = a.draft();
        String status = a.publicStatus(clock.instant()).name();
        String liveState = switch (status) {
            case "LIVE" -> "LIVE";
            case "ENDED", "CANCELLED" -> "ENDED";
            default -> "SCHEDULED";
        };
        return new Summary(
                a.id(),
                d.title(),
                d.subtitle(),
                campaign == null
                        ? null
                        : new CampaignRef(campaign.id(), campaign.kind().name(), campaign.year(), campaign.name()),
                new Organizer(a.orgUnitId(), a.organizerName()),
                new RegionRef(
                        region.region().code(),
                        region.region().name(),
                        region.path().stream()
                                .map(r -> new Ref(r.code(), r.name()))
                                .toList()),
                d.venue() == null
                        ? null
                        : new Venue(
                                d.venue().name(),
                                d.venue().address(),
                                new Location(d.venue().lat(), d.venue().lon())),
                org.kepu.shared.time.CampaignTime.at(d.startsAt()),
                org.kepu.shared.time.CampaignTime.at(d.endsAt()),
                d.format().name(),
                d.categories().stream().map(Enum::name).sorted().toList(),
                d.audiences().stream().map(Enum::name).sorted().toList(),
                d.mainVenue(),
                status,
                null,
                rating,
                checkInCount,
                d.liveUrl() == null ? null : new Live(d.liveUrl(), liveState));
    }
}
