package org.kepu.checkin.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.kepu.checkin.CheckInService;
import org.kepu.checkin.CheckInSummary;
import org.kepu.shared.security.Actors;
import org.kepu.shared.time.CampaignTime;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The organizer's check-in screen: the rotating code (as data and as a QR code) and the figures. */
@RestController
@RequestMapping("/api/v1/organizer/activities/{id}")
class OrganizerCheckInController {

    private static final MediaType SVG = MediaType.valueOf("image/svg+xml");

    private final CheckInService checkIns;

    OrganizerCheckInController(CheckInService checkIns) {
        this.checkIns = checkIns;
    }

    record VenueTokenResponse(String token, String url, OffsetDateTime expiresAt) {}

    record SlotResponse(OffsetDateTime at, long count) {}

    record SummaryResponse(long count, long onsite, long online, List<SlotResponse> timeline) {

        static SummaryResponse of(CheckInSummary s) {
            return new SummaryResponse(
                    s.count(),
                    s.onsite(),
                    s.online(),
                    s.timeline().stream()
                            .map(slot -> new SlotResponse(time(slot.at()), slot.count()))
                            .toList());
        }
    }

    @GetMapping("/check-in-token")
    Mono<ResponseEntity<VenueTokenResponse>> token(@PathVariable UUID id) {
        return Actors.require()
                .flatMap(actor -> checkIns.venueToken(actor, id))
                .map(t -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(new VenueTokenResponse(t.token(), t.url(), time(t.expiresAt()))));
    }

    @GetMapping(value = "/check-in-qr.svg", produces = "image/svg+xml")
    Mono<ResponseEntity<String>> qr(@PathVariable UUID id, ServerWebExchange exchange) {
        String origin = checkIns.publicBaseUrl().isEmpty()
                ? exchange.getRequest().getURI().resolve("/").toString().replaceAll("/$", "")
                : checkIns.publicBaseUrl().replaceAll("/$", "");
        return Actors.require()
                .flatMap(actor -> checkIns.venueToken(actor, id))
                .map(t -> ResponseEntity.ok()
                        .contentType(SVG)
                        .cacheControl(CacheControl.noStore())
                        .header("X-Check-In-Expires", time(t.expiresAt()).toString())
                        .body(QrSvg.of(origin + t.url())));
    }

    @GetMapping("/check-ins")
    Mono<SummaryResponse> summary(@PathVariable UUID id) {
        return Actors.require().flatMap(actor -> checkIns.summary(actor, id)).map(SummaryResponse::of);
    }

    private static OffsetDateTime time(java.time.Instant instant) {
        return instant.atZone(CampaignTime.ZONE).toOffsetDateTime();
    }
}
