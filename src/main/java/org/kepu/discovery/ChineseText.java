package org.kepu.discovery;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chinese text analysis done in the app, the same way for documents and queries:
 * <ul>
 *   <li>normalise: NFKC, lower case, traditional → simplified;
 *   <li>words: HanLP index-mode segmentation with a domain dictionary (campaign words, region names);
 *   <li>pinyin: full syllables and initials of each word and of the whole text (科普日 → kepuri, kpr),
 *       digits and Latin kept as they are.
 * </ul>
 * HanLP's dictionaries load once, when this is created at startup; after that analysis is CPU only.
 */
public final class ChineseText {

    /** Campaign vocabulary that must stay whole words. */
    static final List<String> DOMAIN_WORDS = List.of(
            "科普日", "科普月", "科技活动周", "科技周", "科普周", "碳达峰", "碳中和", "双减", "主场活动", "科普大篷车", "科技馆", "科普基地", "科普讲座", "科学实验",
            "人工智能", "大模型", "云上科普日", "科技志愿", "乡村振兴", "青少年", "科学家精神", "应急科普", "防灾减灾", "健康科普", "航天", "启动仪式", "开放日", "研学",
            "推优");

    /** Texts up to this length keep their words (names: organizers, venues, regions, campaigns). */
    private static final int MEMO_LENGTH = 64;

    private static final int MEMO_ENTRIES = 50_000;

    private final Segment segment;
    private final Map<String, List<String>> memo = new ConcurrentHashMap<>();

    /** @param places full and short region names, added to the dictionary so that 曲周 and 鸠江 stay words */
    public ChineseText(Collection<String> places) {
        for (String word : DOMAIN_WORDS) {
            CustomDictionary.add(word);
        }
        for (String place : places) {
            if (place.length() >= 2) {
                CustomDictionary.add(place, "ns 1024");
            }
        }
        this.segment = HanLP.newSegment().enableIndexMode(true).enableCustomDictionary(true);
        // touch every lazily loaded dictionary now, at startup, not inside a request
        words(normalize("全國科普日 kepu 2026"));
        pinyin("科普");
    }

    /** NFKC, lower case, simplified characters, single spaces. */
    public String normalize(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return HanLP.convertToSimplifiedChinese(nfkc).replaceAll("\\s+", " ").strip();
    }

    /** Distinct index-mode words of normalised text, without punctuation. */
    public List<String> words(String normalized) {
        if (normalized.length() > MEMO_LENGTH) {
            return segmented(normalized);
        }
        if (memo.size() >= MEMO_ENTRIES) {
            memo.clear(); // crude but bounded: the names that repeat come back at once
        }
        // get, then put: computeIfAbsent would segment while holding the map's bin lock, and search queries
        // are analysed on event loops; two threads segmenting the same new text at once is harmless
        List<String> kept = memo.get(normalized);
        if (kept == null) {
            kept = segmented(normalized);
            memo.put(normalized, kept);
        }
        return kept;
    }

    /**
     * Distinct words of several normalised texts, in order, as of the texts joined by spaces (words do not
     * cross a space). Indexing analyses each activity's organizer, venue, region and campaign names apart
     * from its description, so that the names, which repeat across thousands of activities, are segmented
     * once ({@link #words} keeps short texts' words).
     */
    public List<String> words(List<String> normalizedParts) {
        Set<String> words = new LinkedHashSet<>();
        for (String part : normalizedParts) {
            words.addAll(words(part));
        }
        return List.copyOf(words);
    }

    private List<String> segmented(String normalized) {
        Set<String> words = new LinkedHashSet<>();
        for (Term term : segment.seg(normalized)) {
            String word = term.word.strip();
            if (!word.isEmpty() && word.codePoints().anyMatch(Character::isLetterOrDigit)) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /** Pinyin tokens: per word full and initials, and the same for the whole text (spaces removed). */
    public List<String> pinyinTokens(String normalized) {
        return pinyinTokens(normalized, words(normalized));
    }

    /** {@link #pinyinTokens(String)} of text whose {@link #words} are known already. */
    public List<String> pinyinTokens(String normalized, List<String> words) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String word : words) {
            addPinyin(tokens, word);
        }
        addPinyin(tokens, normalized.replace(" ", ""));
        return List.copyOf(tokens);
    }

    private void addPinyin(Set<String> tokens, String text) {
        String[] both = pinyin(text);
        if (!both[0].isEmpty()) {
            tokens.add(both[0]);
        }
        if (!both[1].isEmpty()) {
            tokens.add(both[1]);
        }
    }

    /** {full, initials}: Chinese characters become syllables, everything else stays as it is. */
    String[] pinyin(String text) {
        StringBuilder full = new StringBuilder();
        StringBuilder initials = new StringBuilder();
        StringBuilder run = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                run.appendCodePoint(c);
            } else {
                flush(run, full, initials);
                if (Character.isLetterOrDigit(c)) {
                    full.appendCodePoint(c);
                    initials.appendCodePoint(c);
                }
            }
        });
        flush(run, full, initials);
        return new String[] {full.toString(), initials.toString()};
    }

    private static void flush(StringBuilder run, StringBuilder full, StringBuilder initials) {
        if (run.isEmpty()) {
            return;
        }
        for (var py : HanLP.convertToPinyinList(run.toString())) {
            String syllable = py.getPinyinWithoutTone();
            if (syllable == null || syllable.equals("none")) {
                continue;
            }
            full.append(syllable);
            initials.append(syllable.charAt(0));
        }
        run.setLength(0);
    }
}
