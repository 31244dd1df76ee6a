package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Analysing a document's parts apart gives the words of the whole, so names can be segmented once. */
class ChineseTextTests {

    private final ChineseText text = new ChineseText(List.of("鸠江区", "鸠江", "曲周县", "曲周", "芜湖市"));

    @Test
    void theWordsOfThePartsAreTheWordsOfTheWhole() {
        List<String> parts = List.of(
                        "走进科技馆，体验人工智能与大模型的科学实验；邀请青少年参加碳达峰碳中和主题研学。",
                        "鸠江区科学技术协会",
                        "芜湖市科技馆 一楼报告厅",
                        "安徽省芜湖市鸠江区中山北路88号",
                        "2026年全国科普月",
                        "曲周县",
                        "安徽省")
                .stream()
                .map(text::normalize)
                .toList();
        List<String> whole = text.words(String.join(" ", parts));
        assertThat(text.words(parts)).containsExactlyElementsOf(whole).contains("鸠江", "科技馆", "碳达峰");
        // a second time, from the words kept for the short parts
        assertThat(text.words(parts)).containsExactlyElementsOf(whole);
    }

    @Test
    void pinyinOfKnownWordsIsThePinyinOfTheText() {
        String title = text.normalize("2026年全國科普日 鸠江区主场活动");
        assertThat(text.pinyinTokens(title, text.words(title)))
                .containsExactlyElementsOf(text.pinyinTokens(title))
                .contains("kepuri", "kpr", "jiujiang");
    }
}
