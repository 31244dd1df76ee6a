package org.kepu.activity.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.kepu.activity.ActivityService;
import org.kepu.activity.ActivityStatus;
import org.kepu.activity.Evidence;
import org.kepu.activity.EvidenceStatus;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.security.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/organizer/activities")
class OrganizerActivityController {

    private final ActivityService activities;

    OrganizerActivityController(ActivityService activities) {
        this.activities = activities;
    }

    record ReasonRequest(String reason) {}

    record PostponeRequest(OffsetDateTime startsAt, OffsetDateTime endsAt, String reason) {}

    record CopyRequest(UUID campaignId) {}

    record EvidenceRequest(
            java.util.List<String> photos,
            java.util.List<String> videos,
            java.util.List<String> newsLinks,
            String summary,
            Integer attendanceOnsite,
            Integer attendanceOnline,
            Integer volunteers) {}

    @PostMapping
    Mono<ResponseEntity<ActivityResponse>> create(@RequestBody ActivityRequest request) {
        return Mono.fromCallable(request::draft)
                .flatMap(draft -> Actors.require().flatMap(actor -> activities.create(actor, draft)))
                .map(ActivityResponse::of)
                .map(body -> ResponseEntity.created(URI.create("/api/v1/organizer/activities/" + body.id()))
                        .body(body));
    }

    @GetMapping
    Flux<ActivityResponse> mine(@RequestParam Optional<ActivityStatus> status) {
        return Actors.require()
                .flatMapMany(actor -> activities.own(actor, status))
                .map(ActivityResponse::of);
    }

    @GetMapping("/{id}")
    Mono<ActivityResponse> one(@PathVariable UUID id) {
        return Actors.require().flatMap(actor -> activities.own(actor, id)).map(ActivityResponse::of);
    }

    @PutMapping("/{id}")
    Mono<ActivityResponse> update(@PathVariable UUID id, @RequestBody ActivityRequest request) {
        if (request.version() == null) {
            return Mono.error(ValidationFailed.of("version", "required", "Send the version you edited."));
        }
        return Mono.fromCallable(request::draft)
                .flatMap(draft ->
                        Actors.require().flatMap(actor -> activities.update(actor, id, request.version(), draft)))
                .map(ActivityResponse::of);
    }

    @PostMapping("/{id}/submit")
    Mono<ActivityResponse> submit(@PathVariable UUID id) {
        return Actors.require().flatMap(actor -> activities.submit(actor, id)).map(ActivityResponse::of);
    }

    @PostMapping("/{id}/cancel")
    Mono<ActivityResponse> cancel(@PathVariable UUID id, @RequestBody ReasonRequest request) {
        return Actors.require()
                .flatMap(actor -> activities.cancel(actor, id, request.reason()))
                .map(ActivityResponse::of);
    }

    @PostMapping("/{id}/postpone")
    Mono<ActivityResponse> postpone(@PathVariable UUID id, @RequestBody PostponeRequest request) {
        if (request.startsAt() == null || request.endsAt() == null) {
            return Mono.error(ValidationFailed.of(
                    request.startsAt() == null ? "startsAt" : "endsAt", "required", "The new times are required."));
        }
        return Actors.require()
                .flatMap(actor -> activities.postpone(
                        actor,
                        id,
                        request.startsAt().toInstant(),
                        request.endsAt().toInstant(),
                        request.reason()))
                .map(ActivityResponse::of);
    }

    @PostMapping("/{id}/copy")
    Mono<ResponseEntity<ActivityResponse>> copy(
            @PathVariable UUID id, @RequestBody(required = false) CopyRequest request) {
        Optional<UUID> campaign = Optional.ofNullable(request).map(CopyRequest::campaignId);
        return Actors.require()
                .flatMap(actor -> activities.copy(actor, id, campaign))
                .map(ActivityResponse::of)
                .map(body -> ResponseEntity.created(URI.create("/api/v1/organizer/activities/" + body.id()))
                        .body(body));
    }

    @PutMapping("/{id}/evidence")
    Mono<EvidenceStatus> putEvidence(@PathVariable UUID id, @RequestBody EvidenceRequest r) {
        Evidence evidence = new Evidence(
                r.photos(),
                r.videos(),
                r.newsLinks(),
                r.summary(),
                r.attendanceOnsite(),
                r.attendanceOnline(),
                r.volunteers());
        return Actors.require().flatMap(actor -> activities.putEvidence(actor, id, evidence));
    }

    @GetMapping("/{id}/evidence")
    Mono<EvidenceStatus> evidence(@PathVariable UUID id) {
        return Actors.require().flatMap(actor -> activities.evidence(actor, id));
    }
}
