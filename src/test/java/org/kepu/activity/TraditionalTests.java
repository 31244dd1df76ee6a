package org.kepu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraditionalTests {

    @Test
    void convertsCommonCharactersAsTheJilinNoticeWritesThem() {
        // the seed file's traditional entries, written from their simplified form
        assertThat(Traditional.of("吉林省科学技术厅")).isEqualTo("吉林省科學技術廳");
        assertThat(Traditional.of("2020年吉林省科技活动周启动仪式")).isEqualTo("2020年吉林省科技活動周啟動儀式");
        assertThat(Traditional.of("科技战疫 创新强国")).isEqualTo("科技戰疫 創新強國");
        assertThat(Traditional.of("2020年吉林省科普讲解大赛")).isEqualTo("2020年吉林省科普講解大賽");
    }

    @Test
    void leavesWordDependentCharactersAlone() {
        // 周 is 週 only as "week", 干 is 幹 or 乾, 台 is 臺 or 台: a character table cannot know which
        assertThat(Traditional.of("周干台里范余")).isEqualTo("周干台里范余");
    }

    @Test
    void leavesTraditionalLatinAndDigitsAsTheyAre() {
        assertThat(Traditional.of("「流動的光科館」AI 2026")).isEqualTo("「流動的光科館」AI 2026");
    }

    @Test
    void tellsTraditionalFromSimplifiedText() {
        assertThat(Traditional.isTraditional("鸠江科普月人工智能主题展览")).isFalse();
        assertThat(Traditional.isTraditional(Traditional.of("鸠江科普月人工智能主题展览"))).isTrue();
    }

    @Test
    void theTableMapsEachCharacterOnceAndNeverToASimplifiedOne() {
        String s = Traditional.SIMPLIFIED;
        String t = Traditional.TRADITIONAL;
        assertThat(s).hasSameSizeAs(t);
        assertThat(s.chars().distinct().count()).isEqualTo(s.length());
        assertThat(s.chars().filter(c -> t.indexOf(c) >= 0)).isEmpty();
    }
}
