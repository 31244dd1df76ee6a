package org.kepu.campaign;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builders for campaign editions: a valid national Science Day by default; change only what a test is about. */
final class TestCampaigns {

    private TestCampaigns() {}

    static Builder anEdition() {
        return new Builder();
    }

    static final class Builder {
        private CampaignKind kind = CampaignKind.SCIENCE_DAY;
        private Integer year = 2030;
        private CampaignLevel level = CampaignLevel.NATIONAL;
        private String regionCode;
        private String name = "2030年全国科普日";
        private String theme = "提升全民科学素质 助力科技自立自强";
        private LocalDate startsOn = LocalDate.of(2030, 9, 14);
        private LocalDate endsOn = LocalDate.of(2030, 9, 20);
        private LocalDate registrationOpensOn = LocalDate.of(2030, 7, 1);
        private Integer evidenceDueDays = 10;

        Builder kind(CampaignKind kind) {
            this.kind = kind;
            return this;
        }

        /** Moves the year and the dates with it, keeping month and day. */
        Builder inYear(int year) {
            int shift = year - this.year;
            this.year = year;
            this.name = name.replace(String.valueOf(year - shift), String.valueOf(year));
            this.startsOn = startsOn.plusYears(shift);
            this.endsOn = endsOn.plusYears(shift);
            this.registrationOpensOn = registrationOpensOn == null ? null : registrationOpensOn.plusYears(shift);
            return this;
        }

        Builder year(Integer year) {
            this.year = year;
            return this;
        }

        Builder at(CampaignLevel level, String regionCode) {
            this.level = level;
            this.regionCode = regionCode;
            return this;
        }

        Builder named(String name) {
            this.name = name;
            return this;
        }

        Builder themed(String theme) {
            this.theme = theme;
            return this;
        }

        Builder running(LocalDate startsOn, LocalDate endsOn) {
            this.startsOn = startsOn;
            this.endsOn = endsOn;
            return this;
        }

        Builder registrationOpensOn(LocalDate day) {
            this.registrationOpensOn = day;
            return this;
        }

        Builder evidenceDueDays(Integer days) {
            this.evidenceDueDays = days;
            return this;
        }

        CreateCampaignEdition create() {
            return new CreateCampaignEdition(
                    kind, year, level, regionCode, name, theme, startsOn, endsOn, registrationOpensOn, evidenceDueDays);
        }

        EditCampaignEdition edit(UUID id, Long version) {
            return new EditCampaignEdition(
                    id,
                    version,
                    kind,
                    year,
                    level,
                    regionCode,
                    name,
                    theme,
                    startsOn,
                    endsOn,
                    registrationOpensOn,
                    evidenceDueDays);
        }

        /** The request body an admin would send; absent fields are left out. */
        Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            put(body, "kind", kind);
            put(body, "year", year);
            put(body, "level", level);
            put(body, "regionCode", regionCode);
            put(body, "name", name);
            put(body, "theme", theme);
            put(body, "startsOn", startsOn);
            put(body, "endsOn", endsOn);
            put(body, "registrationOpensOn", registrationOpensOn);
            put(body, "evidenceDueDays", evidenceDueDays);
            return body;
        }

        private static void put(Map<String, Object> body, String field, Object value) {
            if (value != null) {
                body.put(field, value instanceof Number ? value : value.toString());
            }
        }
    }
}
