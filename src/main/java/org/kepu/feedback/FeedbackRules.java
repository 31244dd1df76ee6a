package org.kepu.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.error.ValidationFailed;

/** The pure rules of feedback: what a valid body is, when the window closes, how moderation moves. */
final class FeedbackRules {

    static final int MAX_COMMENT = 500;

    /** A body that passed the checks: tags deduplicated in the order given, the comment cleaned. */
    record Valid(int rating, List<FeedbackTag> tags, Optional<String> comment) {}

    private FeedbackRules() {}

    /** Every field's problem at once, so a form can show them all. */
    static Valid validate(Integer rating, List<String> tags, String comment) {
        List<FieldError> errors = new ArrayList<>();
        if (rating == null) {
            errors.add(new FieldError("rating", "required", "Give a rating from 1 to 5."));
        } else if (rating < 1 || rating > 5) {
            errors.add(new FieldError("rating", "range", "A rating is from 1 to 5."));
        }
        Set<FeedbackTag> chosen = new LinkedHashSet<>();
        List<String> given = tags == null ? List.of() : tags;
        for (int i = 0; i < given.size(); i++) {
            Optional<FeedbackTag> tag = FeedbackTag.of(given.get(i));
            if (tag.isEmpty()) {
                errors.add(new FieldError(
                        "tags[" + i + "]", "unknown-tag", "Use a tag code from GET /api/v1/feedback/tags."));
            } else {
                chosen.add(tag.get());
            }
        }
        if (chosen.size() > FeedbackTag.MAX) {
            errors.add(new FieldError("tags", "too-many", "At most " + FeedbackTag.MAX + " tags."));
        }
        Optional<String> cleaned = Optional.empty();
        try {
            cleaned = UserText.clean(comment, "comment", MAX_COMMENT, true);
        } catch (ValidationFailed e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new Valid(rating, List.copyOf(chosen), cleaned);
    }

    /** Feedback may be given or changed until {@code window} after the activity's end. */
    static void open(Instant endsAt, Instant now, Duration window) {
        if (!now.isBefore(endsAt.plus(window))) {
            throw new FeedbackClosed();
        }
    }

    /**
     * The state after the participant saves: a held word holds it; clean text shows it, unless reports or a
     * moderator hid it (an edit does not undo a moderation decision; the moderator sees the new text).
     */
    static FeedbackState afterSave(FeedbackState current, Verdict verdict) {
        if (current == FeedbackState.REPORTED || current == FeedbackState.REMOVED) {
            return current;
        }
        return verdict == Verdict.HOLD ? FeedbackState.HELD : FeedbackState.VISIBLE;
    }

    /** Whether this report (bringing the count to {@code reports}) hides a visible comment. */
    static boolean hides(FeedbackState state, int reports, int threshold) {
        return state == FeedbackState.VISIBLE && reports >= threshold;
    }
}
