package org.kepu.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo editions: the five real ones in {@code demo/seed-activities.json} (from published notices) plus
 * the national editions of 2026 and 2027, so the demo has a current and a coming campaign. Each has a fixed
 * id derived from its key, so other modules' demo data can point at it and loading twice changes nothing.
 */
final class DemoEditions {

    static final String RESOURCE = "demo/seed-activities.json";

    /** One demo edition and the key the seed file knows it by. */
    record DemoEdition(String key, UUID id, CreateCampaignEdition edition) {}

    /** The shape of an entry in the seed file's {@code campaignEditions}. */
    record SeedEdition(
            String key,
            CampaignKind kind,
            int year,
            CampaignLevel level,
            String regionCode,
            String name,
            String theme,
            LocalDate startsOn,
            LocalDate endsOn,
            LocalDate registrationOpensOn,
            Integer evidenceDueDays) {}

    private static final List<SeedEdition> ADDED = List.of(
            new SeedEdition(
                    "sd-2026",
                    CampaignKind.SCIENCE_DAY,
                    2026,
                    CampaignLevel.NATIONAL,
                    null,
                    "2026年全国科普月",
                    "科学普及 人人参与 创新发展 共建共享",
                    LocalDate.of(2026, 9, 1),
                    LocalDate.of(2026, 9, 30),
                    LocalDate.of(2026, 7, 15),
                    10),
            new SeedEdition(
                    "sw-2027",
                    CampaignKind.SCIENCE_WEEK,
                    2027,
                    CampaignLevel.NATIONAL,
                    null,
                    "2027年全国科技活动周",
                    "科技创新 共享美好生活",
                    LocalDate.of(2027, 5, 15),
                    LocalDate.of(2027, 5, 22),
                    LocalDate.of(2027, 3, 15),
                    10));

    private DemoEditions() {}

    /** The id a demo edition with this key has; stable across runs and machines. */
    static UUID id(String key) {
        return UUID.nameUUIDFromBytes(("kepu:campaign:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the shipped seed file: blocking I/O, so callers run it off the event loop. */
    static List<DemoEdition> read() {
        try (InputStream in = DemoEditions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<DemoEdition> parse(byte[] json) {
        // strict, so that a typo in the seed file fails loudly instead of leaving a field empty
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        List<DemoEdition> editions = new ArrayList<>();
        for (JsonNode node : mapper.readTree(json).required("campaignEditions")) {
            editions.add(demo(mapper.treeToValue(node, SeedEdition.class)));
        }
        ADDED.forEach(seed -> editions.add(demo(seed)));
        return List.copyOf(editions);
    }

    private static DemoEdition demo(SeedEdition seed) {
        return new DemoEdition(
                seed.key(),
                id(seed.key()),
                new CreateCampaignEdition(
                        seed.kind(),
                        seed.year(),
                        seed.level(),
                        seed.regionCode(),
                        seed.name(),
                        seed.theme(),
                        seed.startsOn(),
                        seed.endsOn(),
                        seed.registrationOpensOn(),
                        seed.evidenceDueDays()));
    }
}
