package org.kepu.discovery;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.CompletionSuggestOption;
import co.elastic.clients.elasticsearch.core.search.Suggestion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kepu.region.Region;

/**
 * Suggestions as the user types: regions whose name or short name starts with the text, then titles and
 * organizers from the completion field (normalised prefix, and for Latin input the pinyin prefix).
 */
public final class Suggestions {

    /** One suggestion in API.md's shape. */
    public record Item(String text, String kind, String id) {}

    private Suggestions() {}

    /** The completion request: the normalised prefix, plus the pinyin prefix when one is given. */
    static Map<String, Object> body(String normalized, Optional<String> pinyin, int size) {
        Map<String, Object> suggest = new LinkedHashMap<>();
        // more than asked for: organizers repeat across activities and collapse below
        Map<String, Object> completion = Map.of("field", "suggest", "size", size * 3, "skip_duplicates", true);
        // not "text": the client reads that key as the suggester's global text
        suggest.put("titles", Map.of("prefix", normalized, "completion", completion));
        pinyin.ifPresent(py -> suggest.put("pinyin", Map.of("prefix", py, "completion", completion)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", 0);
        body.put("_source", List.of("summary.id", "summary.title", "summary.organizer"));
        body.put("suggest", suggest);
        return body;
    }

    /** Regions first (provinces before cities before counties), then activities and organizers, distinct. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Item> merge(
            String normalized, List<Region> regions, SearchResponse<Map> response, ChineseText text, int size) {
        Set<Item> out = new LinkedHashSet<>();
        regions.stream()
                .filter(r -> r.name().startsWith(normalized) || r.shortName().startsWith(normalized))
                .sorted(Comparator.comparing((Region r) -> r.code().length()).thenComparing(Region::code))
                .limit(Math.max(1, size / 2))
                .forEach(r -> out.add(new Item(r.name(), "region", r.code())));
        List<CompletionSuggestOption<Map>> options = new ArrayList<>();
        for (List<Suggestion<Map>> list : response.suggest().values()) {
            for (Suggestion<Map> s : list) {
                if (s.isCompletion()) {
                    options.addAll(s.completion().options());
                }
            }
        }
        for (CompletionSuggestOption<Map> option : options) {
            Map<String, Object> summary = option.source() == null
                    ? null
                    : (Map<String, Object>) option.source().get("summary");
            if (summary == null) {
                continue;
            }
            Map<String, Object> organizer = (Map<String, Object>) summary.get("organizer");
            if (organizer != null && option.text().equals(text.normalize((String) organizer.get("name")))) {
                out.add(new Item((String) organizer.get("name"), "organizer", String.valueOf(organizer.get("id"))));
            } else {
                out.add(new Item((String) summary.get("title"), "activity", String.valueOf(summary.get("id"))));
            }
        }
        return out.stream().limit(size).toList();
    }
}
