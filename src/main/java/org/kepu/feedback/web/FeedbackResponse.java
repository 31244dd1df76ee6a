package org.kepu.feedback.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kepu.feedback.FeedbackDetails;
import org.kepu.feedback.FeedbackPage;
import org.kepu.feedback.FeedbackSummary;
import org.kepu.feedback.FeedbackTag;
import org.kepu.shared.time.CampaignTime;

/** JSON shapes of feedback. Comments go out as JSON strings exactly as stored (Jackson escapes them). */
final class FeedbackResponse {

    private FeedbackResponse() {}

    record Reply(String text, OffsetDateTime at) {}

    /** One item as the public sees it. */
    record Item(
            UUID id,
            int rating,
            List<String> tags,
            String comment,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Reply reply) {

        static Item of(FeedbackDetails f) {
            return new Item(
                    f.id(),
                    f.rating(),
                    f.tags().stream().map(Enum::name).toList(),
                    f.comment().orElse(null),
                    CampaignTime.at(f.createdAt()),
                    CampaignTime.at(f.updatedAt()),
                    f.reply()
                            .map(r -> new Reply(r.text(), CampaignTime.at(r.at())))
                            .orElse(null));
        }
    }

    /** One item for its author and for moderators: plus its state and reports. */
    record Moderated(
            UUID id,
            UUID activityId,
            int rating,
            List<String> tags,
            String comment,
            String state,
            int reports,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Reply reply) {

        static Moderated of(FeedbackDetails f) {
            return new Moderated(
                    f.id(),
                    f.activityId(),
                    f.rating(),
                    f.tags().stream().map(Enum::name).toList(),
                    f.comment().orElse(null),
                    f.state().name(),
                    f.reports(),
                    CampaignTime.at(f.createdAt()),
                    CampaignTime.at(f.updatedAt()),
                    f.reply()
                            .map(r -> new Reply(r.text(), CampaignTime.at(r.at())))
                            .orElse(null));
        }
    }

    record Summary(Double average, int count, Map<String, Integer> histogram) {

        static Summary of(FeedbackSummary s) {
            Map<String, Integer> bars = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                bars.put(Integer.toString(i + 1), s.histogram().get(i));
            }
            return new Summary(s.average(), s.count(), bars);
        }
    }

    record Page(Summary summary, List<Item> items, String nextCursor) {

        static Page of(FeedbackPage p) {
            return new Page(
                    Summary.of(p.summary()),
                    p.items().stream().map(Item::of).toList(),
                    p.nextCursor().orElse(null));
        }
    }

    record ModerationPage(Summary summary, List<Moderated> items, String nextCursor) {

        static ModerationPage of(FeedbackPage p) {
            return new ModerationPage(
                    Summary.of(p.summary()),
                    p.items().stream().map(Moderated::of).toList(),
                    p.nextCursor().orElse(null));
        }
    }

    record Tag(String code, String zh, String en, boolean positive) {

        static Tag of(FeedbackTag t) {
            return new Tag(t.name(), t.zh(), t.en(), t.positive());
        }
    }
}
