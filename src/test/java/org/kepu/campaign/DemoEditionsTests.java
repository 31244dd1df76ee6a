package org.kepu.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DemoEditionsTests {

    @Test
    void theSeedFilesFiveEditionsComeWithTheNationalOnesOf2026And2027() {
        assertThat(DemoEditions.read())
                .extracting(DemoEditions.DemoEdition::key)
                .containsExactly("sd-2018", "sw-2020", "sd-2021", "sd-2023", "sw-2023", "sd-2026", "sw-2027");
    }

    @Test
    void everyDemoEditionFollowsTheRules() {
        assertThat(DemoEditions.read())
                .allSatisfy(demo -> assertThat(CampaignEditionRules.check(demo.edition()))
                        .as(demo.key())
                        .isEmpty());
    }

    @Test
    void demoIdsAreDerivedFromTheKeySoOtherModulesCanReferToThem() {
        UUID expected = UUID.nameUUIDFromBytes("kepu:campaign:sd-2021".getBytes(StandardCharsets.UTF_8));
        assertThat(CampaignService.demoEditionId("sd-2021")).isEqualTo(expected);
        assertThat(DemoEditions.read())
                .allSatisfy(demo -> assertThat(demo.id()).isEqualTo(CampaignService.demoEditionId(demo.key())));
    }

    @Test
    void theSeedIsReadAsWrittenIncludingTraditionalCharacters() {
        CreateCampaignEdition jilin = DemoEditions.read().stream()
                .filter(demo -> demo.key().equals("sw-2020"))
                .findFirst()
                .orElseThrow()
                .edition();
        assertThat(jilin.name()).isEqualTo("2020年吉林省科技活動周");
        assertThat(jilin.level()).isEqualTo(CampaignLevel.PROVINCE);
        assertThat(jilin.regionCode()).isEqualTo("22");
    }

    @Test
    void aTypoInTheSeedFileFailsInsteadOfLeavingAFieldEmpty() {
        String typo = "{\"campaignEditions\":[{\"key\":\"x\",\"kind\":\"SCIENCE_DAY\",\"year\":2030,"
                + "\"level\":\"NATIONAL\",\"nmae\":\"typo\"}]}";
        assertThatThrownBy(() -> DemoEditions.parse(typo.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("nmae");
    }
}
