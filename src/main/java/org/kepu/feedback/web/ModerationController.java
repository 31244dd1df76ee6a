package org.kepu.feedback.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.feedback.FeedbackService;
import org.kepu.feedback.FeedbackState;
import org.kepu.shared.error.InvalidParameter;
import org.kepu.shared.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Moderation by the activity's organizer and the reviewers of its region: every state is listed to them, and
 * they restore or remove; the organizer replies once. Each action is audited by the service.
 */
@RestController
class ModerationController {

    record RemoveRequest(String reason) {}

    record ReplyRequest(String text) {}

    private final FeedbackService feedback;

    ModerationController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @GetMapping({"/api/v1/organizer/activities/{id}/feedback", "/api/v1/review/activities/{id}/feedback"})
    Mono<FeedbackResponse.ModerationPage> list(
            @PathVariable UUID id,
            @RequestParam Optional<String> state,
            @RequestParam Optional<String> cursor,
            @RequestParam(defaultValue = "20") String size) {
        return Mono.fromCallable(() -> FeedbackController.size(size))
                .flatMap(n ->
                        Actors.require().flatMap(actor -> feedback.moderation(actor, id, states(state), cursor, n)))
                .map(FeedbackResponse.ModerationPage::of);
    }

    @PostMapping("/api/v1/feedback/{feedbackId}/restore")
    Mono<FeedbackResponse.Moderated> restore(@PathVariable UUID feedbackId) {
        return Actors.require()
                .flatMap(actor -> feedback.restore(actor, feedbackId))
                .map(FeedbackResponse.Moderated::of);
    }

    @PostMapping("/api/v1/feedback/{feedbackId}/remove")
    Mono<FeedbackResponse.Moderated> remove(
            @PathVariable UUID feedbackId, @RequestBody(required = false) RemoveRequest body) {
        Optional<String> reason = Optional.ofNullable(body)
                .map(RemoveRequest::reason)
                .flatMap(r -> org.kepu.feedback.UserText.clean(r, "reason", 200, false));
        return Actors.require()
                .flatMap(actor -> feedback.remove(actor, feedbackId, reason))
                .map(FeedbackResponse.Moderated::of);
    }

    @PostMapping("/api/v1/feedback/{feedbackId}/reply")
    Mono<ResponseEntity<FeedbackResponse.Moderated>> reply(
            @PathVariable UUID feedbackId, @RequestBody ReplyRequest body) {
        return Actors.require()
                .flatMap(actor -> feedback.reply(actor, feedbackId, body.text()))
                .map(f -> ResponseEntity.status(HttpStatus.CREATED).body(FeedbackResponse.Moderated.of(f)));
    }

    /** {@code state=HELD,REPORTED} (repeatable or comma-separated); {@code HIDDEN} means both; none: all. */
    static Set<FeedbackState> states(Optional<String> state) {
        Set<FeedbackState> states = EnumSet.noneOf(FeedbackState.class);
        state.ifPresent(given -> Arrays.stream(given.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(s -> {
                    if (s.equals("HIDDEN")) {
                        states.add(FeedbackState.HELD);
                        states.add(FeedbackState.REPORTED);
                        return;
                    }
                    try {
                        states.add(FeedbackState.valueOf(s));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidParameter("state", "state is VISIBLE, HELD, REPORTED, REMOVED or HIDDEN.");
                    }
                }));
        return states;
    }
}
