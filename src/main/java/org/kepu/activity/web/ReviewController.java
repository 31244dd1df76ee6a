package org.kepu.activity.web;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.kepu.activity.ActivityService;
import org.kepu.activity.ActivityStatus;
import org.kepu.activity.EvidenceStatus;
import org.kepu.activity.Recommendation;
import org.kepu.activity.ReviewFilter;
import org.kepu.activity.Scores;
import org.kepu.region.RegionCode;
import org.kepu.shared.error.InvalidParameter;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/review")
class ReviewController {

    private final ActivityService activities;

    ReviewController(ActivityService activities) {
        this.activities = activities;
    }

    record RejectRequest(String reason) {}

    record RecommendationRequest(ScoresBody scores, String note) {}

    record ScoresBody(
            Integer mobilization,
            Integer scale,
            Integer publicity,
            Integer volunteers,
            Integer jointAction,
            Integer onlineReach) {}

    record Page(java.util.List<ActivityResponse> items, String nextCursor) {}

    /** The queue, oldest submission first. */
    @GetMapping("/activities")
    Mono<Page> queue(
            @RequestParam(defaultValue = "SUBMITTED") ActivityStatus status,
            @RequestParam Optional<String> region,
            @RequestParam Optional<UUID> campaign,
            @RequestParam Optional<String> cursor,
            @RequestParam(defaultValue = "50") int size) {
        if (size < 1 || size > 200) {
            return Mono.error(new InvalidParameter("size", "size is 1 to 200."));
        }
        Optional<String> canonical = region.map(
                r -> RegionCode.canonical(r).orElseThrow(() -> new InvalidParameter("region", "Not a region code.")));
        Cursors.Position after =
                cursor.map(Cursors::parse).orElse(new Cursors.Position(ReviewFilter.FIRST_AT, ReviewFilter.FIRST_ID));
        ReviewFilter filter = new ReviewFilter(status, canonical, campaign, after.at(), after.id(), size);
        return Actors.require()
                .flatMapMany(actor -> activities.queue(actor, filter))
                .collectList()
                .map(list -> new Page(
                        list.stream().map(ActivityResponse::of).toList(),
                        list.size() < size
                                ? null
                                : Cursors.next(
                                        list.get(list.size() - 1)
                                                .submittedAt()
                                                .orElse(list.get(list.size() - 1)
                                                        .createdAt()),
                                        list.get(list.size() - 1).id())));
    }

    @GetMapping("/activities/{id}")
    Mono<ActivityResponse> one(@PathVariable UUID id) {
        return Actors.require()
                .flatMap(actor -> activities.reviewable(actor, id))
                .map(ActivityResponse::of);
    }

    @PostMapping("/activities/{id}/approve")
    Mono<ActivityResponse> approve(@PathVariable UUID id) {
        return Actors.require().flatMap(actor -> activities.approve(actor, id)).map(ActivityResponse::of);
    }

    @PostMapping("/activities/{id}/reject")
    Mono<ActivityResponse> reject(@PathVariable UUID id, @RequestBody RejectRequest request) {
        return Actors.require()
                .flatMap(actor -> activities.reject(actor, id, request.reason()))
                .map(ActivityResponse::of);
    }

    @GetMapping("/activities/{id}/evidence")
    Mono<EvidenceStatus> evidence(@PathVariable UUID id) {
        return Actors.require().flatMap(actor -> activities.evidence(actor, id));
    }

    /** 201 for the level's first recommendation, 200 when revising it. */
    @PostMapping("/activities/{id}/recommendation")
    Mono<ResponseEntity<Map<String, Object>>> recommend(
            @PathVariable UUID id, @RequestBody RecommendationRequest request) {
        ScoresBody s = request.scores();
        if (s == null
                || s.mobilization() == null
                || s.scale() == null
                || s.publicity() == null
                || s.volunteers() == null
                || s.jointAction() == null
                || s.onlineReach() == null) {
            return Mono.error(ValidationFailed.of("scores", "required", "All six scores are required."));
        }
        Scores scores = new Scores(
                s.mobilization(), s.scale(), s.publicity(), s.volunteers(), s.jointAction(), s.onlineReach());
        return Actors.require()
                .flatMap(actor -> activities.recommend(actor, id, scores, request.note()))
                .map(created -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(Map.<String, Object>of("activityId", id, "total", scores.total())));
    }

    /** Ended activities whose evidence deadline passed with the evidence incomplete, most overdue first. */
    @GetMapping("/evidence-overdue")
    Flux<ActivityResponse> evidenceOverdue(@RequestParam Optional<String> region) {
        Optional<String> canonical = region.map(
                r -> RegionCode.canonical(r).orElseThrow(() -> new InvalidParameter("region", "Not a region code.")));
        return Actors.require()
                .flatMapMany(actor -> activities.evidenceOverdue(actor, canonical))
                .map(ActivityResponse::of);
    }

    @GetMapping("/recommendations")
    Flux<Recommendation> recommendations(@RequestParam Optional<String> region) {
        Optional<String> canonical = region.map(
                r -> RegionCode.canonical(r).orElseThrow(() -> new InvalidParameter("region", "Not a region code.")));
        return Actors.require().flatMapMany(actor -> activities.recommendations(actor, canonical));
    }
}
