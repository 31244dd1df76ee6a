package org.kepu.activity;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kepu.campaign.CampaignEdition;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.time.CampaignTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Evidence rows and their rules: accepted from the activity's end until {@code evidenceDueDays} days after
 * it (counted in China time, the whole last day included).
 */
@Component
class EvidenceBook {

    private final DatabaseClient db;

    EvidenceBook(DatabaseClient db) {
        this.db = db;
    }

    /** The last day evidence is accepted for this activity. */
    static LocalDate dueOn(Activity activity, CampaignEdition campaign) {
        return activity.draft().endsAt().atZone(CampaignTime.ZONE).toLocalDate().plusDays(campaign.evidenceDueDays());
    }

    static EvidenceCompleteness completeness(
            Activity activity, Optional<Evidence> evidence, CampaignEdition campaign, Instant now) {
        Evidence e = evidence.orElse(Evidence.EMPTY);
        if (e.complete()) {
            return EvidenceCompleteness.COMPLETE;
        }
        if (now.atZone(CampaignTime.ZONE).toLocalDate().isAfter(dueOn(activity, campaign))) {
            return EvidenceCompleteness.OVERDUE;
        }
        return e.empty() ? EvidenceCompleteness.NONE : EvidenceCompleteness.PARTIAL;
    }

    static List<FieldError> check(Evidence e) {
        List<FieldError> errors = new ArrayList<>();
        urls(errors, "photos", e.photos(), 5);
        urls(errors, "videos", e.videos(), 5);
        urls(errors, "newsLinks", e.newsLinks(), 20);
        if (e.summary() != null && e.summary().length() > 2000) {
            errors.add(new FieldError("summary", "length", "A summary has at most 2,000 characters."));
        }
        count(errors, "attendanceOnsite", e.attendanceOnsite(), 100_000_000);
        count(errors, "attendanceOnline", e.attendanceOnline(), 1_000_000_000);
        count(errors, "volunteers", e.volunteers(), 10_000_000);
        return errors;
    }

    Mono<Optional<Evidence>> find(UUID activityId) {
        return db.sql("SELECT photos, videos, news_links, summary, attendance_onsite, attendance_online, volunteers"
                        + " FROM activity.evidence WHERE activity_id = :id")
                .bind("id", activityId)
                .map(EvidenceBook::evidence)
                .one()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    Mono<Void> put(UUID activityId, Evidence e, String by, Instant now) {
        var spec = db.sql("""
                        INSERT INTO activity.evidence (activity_id, photos, videos, news_links, summary,
                          attendance_onsite, attendance_online, volunteers, updated_at, updated_by)
                        VALUES (:id, :photos, :videos, :news, :summary, :onsite, :online, :volunteers, :now, :by)
                        ON CONFLICT (activity_id) DO UPDATE SET photos = EXCLUDED.photos, videos = EXCLUDED.videos,
                          news_links = EXCLUDED.news_links, summary = EXCLUDED.summary,
                          attendance_onsite = EXCLUDED.attendance_onsite, attendance_online = EXCLUDED.attendance_online,
                          volunteers = EXCLUDED.volunteers, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                        """)
                .bind("id", activityId)
                .bind("photos", e.photos().toArray(String[]::new))
                .bind("videos", e.videos().toArray(String[]::new))
                .bind("news", e.newsLinks().toArray(String[]::new))
                .bind("now", now)
                .bind("by", by);
        spec = ActivityRepository.nullable(
                spec,
                "summary",
                e.summary() == null || e.summary().isBlank()
                        ? null
                        : e.summary().strip(),
                String.class);
        spec = ActivityRepository.nullable(spec, "onsite", e.attendanceOnsite(), Integer.class);
        spec = ActivityRepository.nullable(spec, "online", e.attendanceOnline(), Integer.class);
        spec = ActivityRepository.nullable(spec, "volunteers", e.volunteers(), Integer.class);
        return spec.then();
    }

    private static void urls(List<FieldError> errors, String field, List<String> urls, int max) {
        if (urls.size() > max) {
            errors.add(new FieldError(field, "too-many", "At most " + max + " links."));
        }
        for (int i = 0; i < urls.size(); i++) {
            if (urls.get(i) == null) {
                errors.add(new FieldError(field + "[" + i + "]", "required", "A link is required."));
            } else {
                ActivityRules.url(errors, field + "[" + i + "]", urls.get(i));
            }
        }
    }

    private static void count(List<FieldError> errors, String field, Integer value, int max) {
        if (value != null && (value < 0 || value > max)) {
            errors.add(new FieldError(field, "range", "A number from 0 to " + max + " is expected."));
        }
    }

    private static Evidence evidence(Readable row) {
        return new Evidence(
                List.of(row.get("photos", String[].class)),
                List.of(row.get("videos", String[].class)),
                List.of(row.get("news_links", String[].class)),
                row.get("summary", String.class),
                row.get("attendance_onsite", Integer.class),
                row.get("attendance_online", Integer.class),
                row.get("volunteers", Integer.class));
    }
}
