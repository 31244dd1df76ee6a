package org.kepu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensitiveWordsTests {

    private static SensitiveWords.Snapshot snapshot(String file) {
        List<SensitiveWords.Entry> entries = new ArrayList<>();
        SensitiveWords.parse(file, "test", entries);
        return SensitiveWords.Snapshot.of(entries, List.of());
    }

    @Test
    void findsWordsDespiteSpacingPunctuationWidthAndCase() {
        var words = snapshot("博彩\tBLOCK\n加微信\nVX\n");
        assertThat(words.check("这个活动很好")).isEqualTo(Verdict.ALLOW);
        assertThat(words.check("欢迎来玩博彩")).isEqualTo(Verdict.BLOCK);
        assertThat(words.check("博 彩")).isEqualTo(Verdict.BLOCK);
        assertThat(words.check("博-彩！")).isEqualTo(Verdict.BLOCK);
        assertThat(words.check("请加 微 信")).isEqualTo(Verdict.HOLD);
        assertThat(words.check("ｖｘ：12345")).isEqualTo(Verdict.HOLD);
    }

    @Test
    void theMostSevereVerdictWins() {
        var words = snapshot("加微信\n博彩\tBLOCK\n");
        assertThat(words.check("加微信玩博彩")).isEqualTo(Verdict.BLOCK);
        // the same word listed twice keeps the stricter action
        var twice = SensitiveWords.Snapshot.of(
                List.of(new SensitiveWords.Entry("刷单", Verdict.HOLD, "shipped")),
                List.of(new SensitiveWords.Entry("刷 单", Verdict.BLOCK, "admin")));
        assertThat(twice.check("刷单")).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void commentsAndBlankLinesAreIgnored() {
        List<SensitiveWords.Entry> entries = new ArrayList<>();
        SensitiveWords.parse("# a comment\n\n  赌博\tblock  \n", "test", entries);
        assertThat(entries).containsExactly(new SensitiveWords.Entry("赌博", Verdict.BLOCK, "test"));
    }
}
