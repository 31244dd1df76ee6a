package org.kepu.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.kepu.campaign.CampaignEdition;
import org.kepu.campaign.CampaignKind;
import org.kepu.campaign.CampaignLevel;
import org.kepu.campaign.CampaignService;
import org.kepu.region.Region;
import org.kepu.region.RegionLevel;

/** The two current demo editions and a few real regions, for the demo generator's fast tests. */
final class DemoFixtures {

    static final CampaignEdition SCIENCE_MONTH_2026 = edition(
            "sd-2026",
            CampaignKind.SCIENCE_DAY,
            2026,
            "科学普及 人人参与 创新发展 共建共享",
            LocalDate.of(2026, 9, 1),
            LocalDate.of(2026, 9, 30));

    static final CampaignEdition SCIENCE_WEEK_2027 = edition(
            "sw-2027",
            CampaignKind.SCIENCE_WEEK,
            2027,
            "科技创新 共享美好生活",
            LocalDate.of(2027, 5, 15),
            LocalDate.of(2027, 5, 22));

    /** Anhui (populous) with 鸠江区, Qinghai (sparse) with 城东区, Yunnan with 峨山彝族自治县, 西沙群岛 and a development zone. */
    static final List<Region> REGIONS = List.of(
            region("34", "安徽省", "安徽", null, 31.86, 117.28),
            region("3402", "芜湖市", "芜湖", "34", 31.33, 118.43),
            region("340207", "鸠江区", "鸠江", "3402", 31.369373, 118.391734),
            region("63", "青海省", "青海", null, 36.62, 101.78),
            region("6301", "西宁市", "西宁", "63", 36.62, 101.78),
            region("630102", "城东区", "城东", "6301", 36.599744, 101.803717),
            region("53", "云南省", "云南", null, 25.04, 102.71),
            region("5304", "玉溪市", "玉溪", "53", 24.35, 102.54),
            region("530426", "峨山彝族自治县", "峨山", "5304", 24.17, 102.40),
            region("46", "海南省", "海南", null, 20.02, 110.35),
            region("4603", "三沙市", "三沙", "46", 16.83, 112.34),
            region("460321", "西沙群岛", "西沙群岛", "4603", 16.83, 112.34),
            region("2201", "长春市", "长春", "22", 43.82, 125.32),
            region("22", "吉林省", "吉林", null, 43.9, 125.3),
            region("220172", "长春净月高新技术产业开发区", "长春净月高新技术产业开发", "2201", 43.886841, 125.3245));

    private DemoFixtures() {}

    static Region county(String code) {
        return REGIONS.stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    private static CampaignEdition edition(
            String key, CampaignKind kind, int year, String theme, LocalDate startsOn, LocalDate endsOn) {
        return new CampaignEdition(
                CampaignService.demoEditionId(key),
                kind,
                year,
                CampaignLevel.NATIONAL,
                Optional.empty(),
                year + "年全国" + DemoTitles.campaignWord(kind, year),
                theme,
                startsOn,
                endsOn,
                Optional.empty(),
                10,
                0,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    private static Region region(String code, String name, String shortName, String parent, double lat, double lon) {
        return new Region(
                code,
                name,
                shortName,
                switch (code.length()) {
                    case 2 -> RegionLevel.PROVINCE;
                    case 4 -> RegionLevel.CITY;
                    default -> RegionLevel.COUNTY;
                },
                Optional.ofNullable(parent),
                new Region.GeoPoint(lat, lon));
    }
}
