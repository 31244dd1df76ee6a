package org.kepu.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kepu.region.InvalidRegionCode;
import org.kepu.region.Region;
import org.kepu.region.RegionCode;
import org.kepu.region.RegionNotFound;
import org.kepu.region.RegionService;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.time.CampaignTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The campaign module's API: set up and edit campaign editions (活动届次), look them up, list them for a
 * place, and find the ones running today. Writes are validated here, whoever calls: a rule broken fails
 * with one {@link ValidationFailed} listing every field at fault.
 */
@Service
public class CampaignService {

    private final CampaignEditionRepository repository;
    private final RegionService regions;
    private final Clock clock;

    CampaignService(CampaignEditionRepository repository, RegionService regions, Clock clock) {
        this.repository = repository;
        this.regions = regions;
        this.clock = clock;
    }

    /**
     * Sets up an edition; its region code is stored in canonical form. Fails with {@link ValidationFailed}
     * or, when the same campaign, year, level and region exist already, {@link CampaignEditionExists}.
     */
    public Mono<CampaignEdition> create(CreateCampaignEdition command) {
        return validate(command).flatMap(regionCode -> {
            Instant now = clock.instant();
            CampaignEdition edition = build(UUID.randomUUID(), command, regionCode, now);
            return repository.insertIfAbsent(edition, now).switchIfEmpty(Mono.error(() -> exists(edition)));
        });
    }

    /**
     * Replaces an edition's fields and increments its version. Fails with {@link ValidationFailed}, {@link
     * CampaignEditionNotFound}, {@link CampaignEditionChanged} when {@code version} is not the current one,
     * or {@link CampaignEditionExists} when the change collides with another edition.
     */
    public Mono<CampaignEdition> edit(EditCampaignEdition command) {
        return validate(command).flatMap(regionCode -> {
            Instant now = clock.instant();
            CampaignEdition edition = build(command.id(), command, regionCode, now);
            return repository
                    .update(edition, command.version(), now)
                    .onErrorMap(DuplicateKeyException.class, e -> exists(edition))
                    .switchIfEmpty(Mono.defer(() -> require(command.id())
                            .flatMap(current -> Mono.error(() ->
                                    new CampaignEditionChanged(command.id(), command.version(), current.version())))));
        });
    }

    /** The edition with this id, or empty. */
    public Mono<CampaignEdition> find(UUID id) {
        return repository.findById(id);
    }

    /** The edition with this id, or {@link CampaignEditionNotFound}. */
    public Mono<CampaignEdition> require(UUID id) {
        return find(id).switchIfEmpty(Mono.error(() -> new CampaignEditionNotFound(id)));
    }

    /**
     * Editions matching the filter, latest start first. A malformed region code fails with {@link
     * InvalidRegionCode} (naming the field {@code region}), an unknown one with {@link RegionNotFound}.
     */
    public Flux<CampaignEdition> list(CampaignFilter filter) {
        Mono<Optional<List<String>>> places = filter.regionCode()
                .map(code -> regions.require("region", code).map(region -> Optional.of(withAncestors(region))))
                .orElseGet(() -> Mono.just(Optional.empty()));
        return places.flatMapMany(codes -> repository.find(filter.kind(), filter.year(), codes));
    }

    /** The editions running today, in China Standard Time, by the injected clock. */
    public Flux<CampaignEdition> current() {
        return repository.runningOn(LocalDate.ofInstant(clock.instant(), CampaignTime.ZONE));
    }

    /**
     * Stores the demo editions (see {@link #demoEditionId}) that are not stored yet, leaving existing ones
     * as they are; answers how many were added. Safe to run on every start.
     */
    public Mono<Long> loadDemo() {
        return Mono.fromCallable(DemoEditions::read)
                .subscribeOn(Schedulers.boundedElastic()) // reads a classpath resource
                .flatMapIterable(demos -> demos)
                .concatMap(demo -> validate(demo.edition()).flatMap(regionCode -> {
                    Instant now = clock.instant();
                    return repository.insertIfAbsent(build(demo.id(), demo.edition(), regionCode, now), now);
                }))
                .count();
    }

    /**
     * The fixed id of a demo edition: {@code sd-2018}, {@code sw-2020}, {@code sd-2021}, {@code sd-2023},
     * {@code sw-2023} (the keys in {@code demo/seed-activities.json}), {@code sd-2026} and {@code sw-2027}.
     */
    public static UUID demoEditionId(String key) {
        return DemoEditions.id(key);
    }

    /** Checks every rule; answers the canonical region code (empty for national editions). */
    private Mono<Optional<String>> validate(EditionFields fields) {
        return Mono.defer(() -> {
            List<FieldError> errors = new ArrayList<>(CampaignEditionRules.check(fields));
            if (!CampaignEditionRules.needsRegion(fields)) {
                return verdict(errors, Optional.empty());
            }
            return regions.require("regionCode", fields.regionCode().strip())
                    .flatMap(region -> {
                        CampaignEditionRules.regionFits(fields.level(), region).ifPresent(errors::add);
                        return verdict(errors, Optional.of(region.code()));
                    })
                    .onErrorResume(InvalidRegionCode.class, e -> {
                        errors.addAll(e.errors());
                        return verdict(errors, Optional.empty());
                    })
                    .onErrorResume(RegionNotFound.class, e -> {
                        errors.add(new FieldError("regionCode", "region-not-found", e.getMessage()));
                        return verdict(errors, Optional.empty());
                    });
        });
    }

    private static Mono<Optional<String>> verdict(List<FieldError> errors, Optional<String> regionCode) {
        return errors.isEmpty() ? Mono.just(regionCode) : Mono.error(new ValidationFailed(errors));
    }

    private static CampaignEdition build(UUID id, EditionFields f, Optional<String> regionCode, Instant now) {
        return new CampaignEdition(
                id,
                f.kind(),
                f.year(),
                f.level(),
                regionCode,
                CampaignEditionRules.clean(f.name()),
                CampaignEditionRules.clean(f.theme()),
                f.startsOn(),
                f.endsOn(),
                Optional.ofNullable(f.registrationOpensOn()),
                f.evidenceDueDays() == null ? CampaignEditionRules.DEFAULT_EVIDENCE_DUE_DAYS : f.evidenceDueDays(),
                0,
                now,
                now);
    }

    private static CampaignEditionExists exists(CampaignEdition edition) {
        return new CampaignEditionExists(
                edition.kind(),
                edition.year(),
                edition.level(),
                edition.regionCode().orElse(null));
    }

    private static List<String> withAncestors(Region region) {
        List<String> codes = new ArrayList<>(RegionCode.ancestors(region.code()));
        codes.add(region.code());
        return codes;
    }
}
