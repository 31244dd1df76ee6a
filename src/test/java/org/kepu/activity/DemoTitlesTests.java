package org.kepu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignKind;

class DemoTitlesTests {

    static DemoTitles.Subject subject(Category category, Format format, boolean mainVenue, Audience... audiences) {
        return new DemoTitles.Subject(
                "鸠江", "鸠江区", DemoFixtures.SCIENCE_MONTH_2026, category, Set.of(audiences), format, mainVenue);
    }

    @Test
    void theSeptemberCampaignIsAMonthSince2025AndTheMayOneAWeek() {
        assertThat(DemoTitles.campaignWord(CampaignKind.SCIENCE_DAY, 2023)).isEqualTo("科普日");
        assertThat(DemoTitles.campaignWord(CampaignKind.SCIENCE_DAY, 2026)).isEqualTo("科普月");
        assertThat(DemoTitles.campaignWord(CampaignKind.SCIENCE_WEEK, 2027)).isEqualTo("科技活动周");
    }

    @Test
    void titlesNameThePlaceAndTheCampaignInTheUsualShapes() {
        Random random = new Random(1);
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            DemoTitles.Texts texts = DemoTitles.write(
                    random, subject(Category.EMERGENCY, Format.ONSITE, false, Audience.COMMUNITY_RESIDENTS));
            assertThat(texts.title()).contains("鸠江").hasSizeBetween(4, 100).doesNotContain("{", "}");
            assertThat(texts.description()).startsWith("面向社区居民，").endsWith("。");
            titles.add(texts.title());
        }
        assertThat(titles).anyMatch(t -> t.matches("鸠江科普月\\p{IsHan}+"));
        assertThat(titles).anyMatch(t -> t.matches("2026年鸠江科普月\\p{IsHan}+进社区"));
        assertThat(titles).anyMatch(t -> t.matches("“\\p{IsHan}+”\\p{IsHan}+（鸠江站）"));
        assertThat(titles.size()).as("variety").isGreaterThan(100);
    }

    @Test
    void outreachGoesWhereItsAudienceIs() {
        Random random = new Random(2);
        for (int i = 0; i < 200; i++) {
            String title = DemoTitles.write(
                            random, subject(Category.RURAL_REVITALIZATION, Format.ONSITE, false, Audience.FARMERS))
                    .title();
            assertThat(title).doesNotContain("进社区", "进校园");
        }
    }

    @Test
    void aMainVenueIsNamedWithTheWholeCountyName() {
        String title = DemoTitles.write(
                        new Random(3), subject(Category.EXHIBITION, Format.HYBRID, true, Audience.GENERAL_PUBLIC))
                .title();
        assertThat(title).startsWith("2026年").contains("鸠江区").containsAnyOf("主场活动", "启动仪式");
    }

    @Test
    void onlineActivitiesAreOftenCalledCloudOrLive() {
        Random random = new Random(4);
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            titles.add(DemoTitles.write(
                            random, subject(Category.CLOUD_SCIENCE_DAY, Format.ONLINE, false, Audience.GENERAL_PUBLIC))
                    .title());
        }
        assertThat(titles).anyMatch(t -> t.contains("云上") || t.contains("直播") || t.contains("线上"));
    }

    @Test
    void theSameRandomSequenceWritesTheSameTexts() {
        var subject = subject(Category.HEALTH, Format.ONSITE, false, Audience.ELDERLY, Audience.GENERAL_PUBLIC);
        assertThat(DemoTitles.write(new Random(42), subject)).isEqualTo(DemoTitles.write(new Random(42), subject));
    }

    @Test
    void everyCategoryHasTopicsAndForms() {
        Random random = new Random(5);
        for (Category category : Category.values()) {
            assertThat(DemoTitles.topic(random, category)).isNotBlank();
            assertThat(DemoTitles.form(random, category)).isNotBlank();
        }
    }
}
