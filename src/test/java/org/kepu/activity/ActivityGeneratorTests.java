package org.kepu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kepu.organizer.OrgUnit;
import org.kepu.organizer.OrgUnitKind;
import org.kepu.shared.security.RegionScope;
import org.kepu.shared.time.CampaignTime;

/** The generator without a database; ActivityDemoDataIT checks it against the real regions and tables. */
class ActivityGeneratorTests {

    static final Instant NOW = Instant.parse("2026-08-01T00:00:00Z");

    static final DemoPlaces PLACES = DemoPlaces.of(DemoFixtures.REGIONS);

    static final Map<String, OrgUnit> UNITS = new HashMap<>();

    static {
        PLACES.all()
                .forEach(p -> UNITS.put(
                        p.county().code(),
                        new OrgUnit(
                                UUID.randomUUID(),
                                p.unitName(),
                                OrgUnitKind.ASSOCIATION,
                                Optional.of(p.county().code()),
                                Optional.empty())));
    }

    static ActivityGenerator generator(long seed) {
        return new ActivityGenerator(
                PLACES, List.of(DemoFixtures.SCIENCE_MONTH_2026, DemoFixtures.SCIENCE_WEEK_2027), seed);
    }

    static List<Activity> generate(long seed, int count) {
        ActivityGenerator generator = generator(seed);
        return IntStream.range(0, count)
                .mapToObj(i -> generator.activity(i, UNITS, NOW))
                .toList();
    }

    @Test
    void theSameSeedGivesTheSameActivitiesAndAnotherSeedOthers() {
        assertThat(generate(7, 300)).isEqualTo(generate(7, 300));
        assertThat(generate(8, 300).get(0).draft())
                .isNotEqualTo(generate(7, 300).get(0).draft());
    }

    @Test
    void anActivityDoesNotDependOnHowManyAreGenerated() {
        assertThat(generate(7, 1000).subList(0, 10)).isEqualTo(generate(7, 10));
    }

    @Test
    void everyActivityPassesTheRules() {
        for (Activity a : generate(11, 3000)) {
            var campaign = a.draft().campaignId().equals(DemoFixtures.SCIENCE_MONTH_2026.id())
                    ? DemoFixtures.SCIENCE_MONTH_2026
                    : DemoFixtures.SCIENCE_WEEK_2027;
            assertThat(ActivityRules.check(
                            a.draft(), campaign, DemoFixtures.county(a.draft().regionCode()), RegionScope.everywhere()))
                    .as(a.draft().title())
                    .isEmpty();
            assertThat(a.status()).isEqualTo(ActivityStatus.PUBLISHED);
            assertThat(a.organizerName()).endsWith("科学技术协会");
        }
    }

    @Test
    void mixesFormatsCategoriesAudiencesAndScriptsLikeRealCampaigns() {
        List<Activity> activities = generate(12, 10_000);
        Map<Format, Long> formats = new EnumMap<>(Format.class);
        activities.forEach(a -> formats.merge(a.draft().format(), 1L, Long::sum));
        assertThat(formats.get(Format.ONSITE)).isBetween(6500L, 7500L);
        assertThat(formats.get(Format.ONLINE)).isBetween(1500L, 2500L);
        assertThat(formats.get(Format.HYBRID)).isBetween(500L, 1500L);
        assertThat(activities)
                .allMatch(a -> a.draft().categories().size() <= 3
                        && a.draft().audiences().size() <= 3);
        assertThat(activities.stream().filter(a -> a.draft().categories().size() > 1))
                .hasSizeBetween(4000, 7000);
        assertThat(activities.stream().filter(a -> a.draft().mainVenue())).hasSizeBetween(350, 650);
        assertThat(activities.stream()
                        .filter(a -> Traditional.isTraditional(a.draft().title())))
                .hasSizeBetween(140, 260);
        assertThat(activities.stream().filter(a -> a.draft().format() != Format.ONSITE))
                .allMatch(a -> a.draft().liveUrl().startsWith("https://"));
    }

    @Test
    void populousProvincesGetMoreAndNonCountiesNone() {
        Map<String, Long> byCounty = new HashMap<>();
        generate(13, 5000).forEach(a -> byCounty.merge(a.draft().regionCode(), 1L, Long::sum));
        assertThat(byCounty).doesNotContainKeys("460321", "220172"); // 西沙群岛 and a development zone
        assertThat(byCounty.get("340207")).isGreaterThan(byCounty.get("630102") * 5); // Anhui 61 M, Qinghai 6 M
    }

    @Test
    void venuesLieWithinTwoKilometresOfTheCountyCentre() {
        for (Activity a : generate(14, 1000)) {
            if (a.draft().venue() != null) {
                var centre = DemoFixtures.county(a.draft().regionCode()).center();
                assertThat(Math.abs(a.draft().venue().lat() - centre.lat())).isLessThanOrEqualTo(0.02);
                assertThat(Math.abs(a.draft().venue().lon() - centre.lon())).isLessThanOrEqualTo(0.02);
            }
        }
    }

    @Test
    void mostActivitiesAreDaytimeAndLastOneToEightHoursSomeExhibitionsDays() {
        List<Activity> activities = generate(15, 5000);
        long multiDay = 0;
        for (Activity a : activities) {
            ZonedDateTime start = a.draft().startsAt().atZone(CampaignTime.ZONE);
            ZonedDateTime end = a.draft().endsAt().atZone(CampaignTime.ZONE);
            if (!start.toLocalDate().equals(end.toLocalDate())) {
                multiDay++;
                assertThat(a.draft().categories()).contains(Category.EXHIBITION);
                continue;
            }
            long minutes = java.time.Duration.between(start, end).toMinutes();
            assertThat(minutes).isBetween(60L, 480L);
            assertThat(start.getHour()).isBetween(8, 20);
        }
        assertThat(multiDay).isBetween(100L, 1000L);
    }
}
