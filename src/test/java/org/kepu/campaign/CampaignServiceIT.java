package org.kepu.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kepu.campaign.TestCampaigns.anEdition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.kepu.region.RegionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The service against PostgreSQL: demo loading, "today" in China time, concurrent edits. Years 2070–2079. */
@IntegrationTest
class CampaignServiceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> DEMO_KEYS =
            List.of("sd-2018", "sw-2020", "sd-2021", "sd-2023", "sw-2023", "sd-2026", "sw-2027");

    @Autowired
    CampaignService campaigns;

    @Autowired
    CampaignEditionRepository repository;

    @Autowired
    RegionService regions;

    @Autowired
    DatabaseClient db;

    @Test
    void loadingTheDemoTwiceStoresEachEditionOnce() {
        StepVerifier.create(campaigns.loadDemo())
                .expectNextCount(1)
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(campaigns.loadDemo())
                .expectNext(0L)
                .expectComplete()
                .verify(TIMEOUT);

        UUID[] ids = DEMO_KEYS.stream().map(CampaignService::demoEditionId).toArray(UUID[]::new);
        StepVerifier.create(db.sql("SELECT count(*) AS n FROM campaign.edition WHERE id = ANY(:ids)")
                        .bind("ids", ids)
                        .map(row -> row.get("n", Long.class))
                        .one())
                .expectNext(7L)
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(campaigns.require(CampaignService.demoEditionId("sd-2026")))
                .assertNext(month -> {
                    assertThat(month.name()).isEqualTo("2026年全国科普月");
                    assertThat(month.level()).isEqualTo(CampaignLevel.NATIONAL);
                    assertThat(month.startsOn()).isEqualTo(LocalDate.of(2026, 9, 1));
                    assertThat(month.endsOn()).isEqualTo(LocalDate.of(2026, 9, 30));
                })
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(campaigns.require(CampaignService.demoEditionId("sw-2023")))
                .assertNext(qinghai -> assertThat(qinghai.regionCode()).contains("63"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void todayIsReckonedInChinaStandardTime() {
        CampaignEdition month = campaigns
                .create(anEdition()
                        .inYear(2075)
                        .running(LocalDate.of(2075, 9, 1), LocalDate.of(2075, 9, 30))
                        .create())
                .block(TIMEOUT);
        // 16:30 UTC on 31 August is 00:30 on 1 September in Beijing
        StepVerifier.create(at("2075-08-31T16:30:00Z").current().map(CampaignEdition::id))
                .expectNext(month.id())
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(at("2075-08-31T15:30:00Z").current())
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(at("2075-09-30T15:59:00Z").current().map(CampaignEdition::id))
                .expectNext(month.id())
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void ofTwoEditsOfTheSameVersionExactlyOneWins() {
        CampaignEdition edition =
                campaigns.create(anEdition().inYear(2076).create()).block(TIMEOUT);
        Mono<String> first =
                outcome(campaigns.edit(anEdition().inYear(2076).themed("甲").edit(edition.id(), 0L)));
        Mono<String> second =
                outcome(campaigns.edit(anEdition().inYear(2076).themed("乙").edit(edition.id(), 0L)));
        StepVerifier.create(Mono.zip(first, second))
                .assertNext(both -> assertThat(List.of(both.getT1(), both.getT2()))
                        .containsExactlyInAnyOrder("saved", "campaign-edition-changed"))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(campaigns.require(edition.id()).map(CampaignEdition::version))
                .expectNext(1L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void regionCodesAreStoredInCanonicalFormAndTextIsTrimmed() {
        StepVerifier.create(campaigns.create(anEdition()
                        .inYear(2077)
                        .at(CampaignLevel.PROVINCE, "340000")
                        .named("  2077年安徽省科普日 ")
                        .create()))
                .assertNext(anhui -> {
                    assertThat(anhui.regionCode()).contains("34");
                    assertThat(anhui.name()).isEqualTo("2077年安徽省科普日");
                    assertThat(anhui.version()).isZero();
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void anUnknownIdIsEmptyForFindAndAnErrorForRequire() {
        UUID unknown = UUID.randomUUID();
        StepVerifier.create(campaigns.find(unknown)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(campaigns.require(unknown))
                .expectError(CampaignEditionNotFound.class)
                .verify(TIMEOUT);
    }

    private CampaignService at(String instant) {
        return new CampaignService(repository, regions, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static Mono<String> outcome(Mono<CampaignEdition> edit) {
        return edit.map(saved -> "saved").onErrorResume(CampaignEditionChanged.class, e -> Mono.just(e.code()));
    }
}
