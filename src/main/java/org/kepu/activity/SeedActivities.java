package org.kepu.activity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.campaign.CampaignService;
import org.kepu.organizer.OrgUnit;
import org.kepu.organizer.OrgUnitKind;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real activities of {@code demo/seed-activities.json} (from published notices), as they are written
 * there, including the ones in traditional characters. Each has a fixed id from its position in the file, so
 * loading them twice stores them once.
 */
final class SeedActivities {

    static final String RESOURCE = "demo/seed-activities.json";

    /** One entry of the file's {@code activities}. */
    record Seed(
            String campaign,
            String title,
            String subtitle,
            String organizer,
            List<String> coOrganizers,
            String regionCode,
            SeedVenue venue,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            Format format,
            Live live,
            Set<Category> categories,
            Set<Audience> audiences,
            boolean mainVenue,
            String description) {}

    record SeedVenue(String name, String address, Location location) {}

    record Location(double lat, double lon) {}

    record Live(String url) {}

    /** A seed and its position in the file. */
    record Numbered(int index, Seed seed) {

        UUID id() {
            return SeedActivities.id(index);
        }

        /** The organizer's unit lies in the activity's city, or in its province for a province-wide one. */
        Optional<String> unitRegion() {
            String code = seed.regionCode();
            return Optional.of(code.length() >= 4 ? code.substring(0, 4) : code);
        }

        OrgUnitKind unitKind() {
            return kind(seed.organizer());
        }

        Activity published(OrgUnit unit, Instant now) {
            SeedVenue v = seed.venue();
            ActivityDraft draft = new ActivityDraft(
                    seed.title(),
                    seed.subtitle(),
                    CampaignService.demoEditionId(seed.campaign()),
                    seed.regionCode(),
                    v == null
                            ? null
                            : new Venue(
                                    v.name(),
                                    v.address(),
                                    v.location().lat(),
                                    v.location().lon()),
                    seed.startsAt().toInstant(),
                    seed.endsAt().toInstant(),
                    seed.format(),
                    seed.categories(),
                    seed.audiences(),
                    seed.mainVenue(),
                    seed.description(),
                    seed.coOrganizers(),
                    null,
                    null,
                    null,
                    seed.live() == null ? null : seed.live().url(),
                    null);
            return new Activity(
                    id(),
                    unit.id(),
                    unit.name(),
                    draft,
                    ActivityStatus.PUBLISHED,
                    Optional.empty(),
                    0,
                    now,
                    now,
                    Optional.of(now),
                    List.of());
        }
    }

    private SeedActivities() {}

    static UUID id(int index) {
        return UUID.nameUUIDFromBytes(("kepu:seed-activity:" + index).getBytes(StandardCharsets.UTF_8));
    }

    /** Associations (科协, 協會) and government departments (厅, 局) by their names; anything else is OTHER. */
    static OrgUnitKind kind(String organizer) {
        if (organizer.endsWith("科学技术协会") || organizer.endsWith("科學技術協會") || organizer.endsWith("科协")) {
            return OrgUnitKind.ASSOCIATION;
        }
        if (organizer.matches(".*(厅|廳|局|分局)$")) {
            return OrgUnitKind.GOVERNMENT;
        }
        return OrgUnitKind.OTHER;
    }

    /** Reads the shipped file: blocking I/O, so callers run it off the event loop. */
    static List<Numbered> read() {
        try (InputStream in = SeedActivities.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Numbered> parse(byte[] json) {
        // strict, so that a typo in the seed file fails loudly instead of leaving a field empty
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        List<Numbered> seeds = new ArrayList<>();
        for (JsonNode node : mapper.readTree(json).required("activities")) {
            seeds.add(new Numbered(seeds.size(), mapper.treeToValue(node, Seed.class)));
        }
        return List.copyOf(seeds);
    }
}
