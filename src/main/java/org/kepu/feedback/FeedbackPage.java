package org.kepu.feedback;

import java.util.List;
import java.util.Optional;

/** One page of an activity's feedback with the activity's aggregate; {@code nextCursor} continues it. */
public record FeedbackPage(FeedbackSummary summary, List<FeedbackDetails> items, Optional<String> nextCursor) {

    public FeedbackPage {
        items = List.copyOf(items);
    }
}
