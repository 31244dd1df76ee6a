package org.kepu.live.web;

import java.util.UUID;
import org.kepu.live.LiveAction;
import org.kepu.live.LiveService;
import org.kepu.shared.security.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Organizers control their own activity's livestream and moderate its chat; reviewers moderate the chats of
 * activities in their region subtree. Comments are named by their event id; muting one mutes its author.
 */
@RestController
class LiveModerationController {

    private final LiveService live;

    LiveModerationController(LiveService live) {
        this.live = live;
    }

    record StateResponse(String state) {}

    @PostMapping("/api/v1/organizer/activities/{id}/live/{action:start|end|interrupt|resume}")
    Mono<StateResponse> act(@PathVariable UUID id, @PathVariable String action) {
        LiveAction a = LiveAction.valueOf(action.toUpperCase(java.util.Locale.ROOT));
        return Actors.require().flatMap(actor -> live.act(actor, id, a)).map(s -> new StateResponse(s.name()));
    }

    @DeleteMapping("/api/v1/organizer/activities/{id}/live/comments/{commentId}")
    Mono<ResponseEntity<Void>> removeAsOrganizer(@PathVariable UUID id, @PathVariable String commentId) {
        return Actors.require()
                .flatMap(actor -> live.removeComment(actor, id, commentId, false))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/api/v1/organizer/activities/{id}/live/comments/{commentId}/mute")
    Mono<ResponseEntity<Void>> muteAsOrganizer(@PathVariable UUID id, @PathVariable String commentId) {
        return Actors.require()
                .flatMap(actor -> live.muteAuthor(actor, id, commentId, false))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @DeleteMapping("/api/v1/review/activities/{id}/live/comments/{commentId}")
    Mono<ResponseEntity<Void>> removeAsReviewer(@PathVariable UUID id, @PathVariable String commentId) {
        return Actors.require()
                .flatMap(actor -> live.removeComment(actor, id, commentId, true))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/api/v1/review/activities/{id}/live/comments/{commentId}/mute")
    Mono<ResponseEntity<Void>> muteAsReviewer(@PathVariable UUID id, @PathVariable String commentId) {
        return Actors.require()
                .flatMap(actor -> live.muteAuthor(actor, id, commentId, true))
                .thenReturn(ResponseEntity.noContent().build());
    }
}
