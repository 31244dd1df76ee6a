package org.kepu.activity;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Possible double registrations (a known source of inflated 数量规模 figures): another live activity in
 * the same region whose time overlaps and whose title is nearly the same. A warning, never a block.
 */
@Component
class Duplicates {

    /** Dice coefficient of character bigrams above which two titles count as "nearly the same". */
    static final double SIMILAR = 0.8;

    private final ActivityRepository activities;

    Duplicates(ActivityRepository activities) {
        this.activities = activities;
    }

    Mono<List<UUID>> of(Activity activity) {
        ActivityDraft d = activity.draft();
        return activities
                .select(
                        "region_code = :region AND id <> :id AND status IN ('SUBMITTED', 'PUBLISHED', 'POSTPONED')"
                                + " AND starts_at < :endsAt AND ends_at > :startsAt",
                        "LIMIT 200",
                        spec -> spec.bind("region", d.regionCode())
                                .bind("id", activity.id())
                                .bind("startsAt", d.startsAt())
                                .bind("endsAt", d.endsAt()))
                .filter(other -> similarity(d.title(), other.draft().title()) >= SIMILAR)
                .map(Activity::id)
                .collectList();
    }

    static double similarity(String a, String b) {
        Set<String> x = bigrams(a);
        Set<String> y = bigrams(b);
        if (x.isEmpty() || y.isEmpty()) {
            return normalize(a).equals(normalize(b)) ? 1 : 0;
        }
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        return 2.0 * both.size() / (x.size() + y.size());
    }

    private static Set<String> bigrams(String text) {
        String s = normalize(text);
        Set<String> grams = new HashSet<>();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams;
    }

    private static String normalize(String text) {
        return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[\\s\\p{Punct}、，。：；！？“”‘’（）《》—·]", "");
    }
}
