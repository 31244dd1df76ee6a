package org.kepu.activity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.kepu.activity.DemoPlaces.Place;
import org.kepu.campaign.CampaignEdition;
import org.kepu.organizer.OrgUnit;
import org.kepu.shared.time.CampaignTime;

/**
 * Realistic published activities for demos and benchmarks. Activity {@code i} of a seed depends on nothing
 * else (it has its own {@link Random}), so generating 3,000 or 100,000 with one seed gives the same first
 * 3,000, with the same ids, and the county of an activity is known before its organizer unit exists.
 */
final class ActivityGenerator {

    /** The current editions: the 2026 Science Month and the 2027 S&T Week. */
    static final List<String> DEFAULT_EDITIONS = List.of("sd-2026", "sw-2027");

    /** Share of titles (and texts) written in traditional characters, like the Jilin notices. */
    static final double TRADITIONAL = 0.02;

    private static final Category[] PRIMARY = weighted(Map.ofEntries(
            Map.entry(Category.EXPERT_LECTURE, 10),
            Map.entry(Category.EXHIBITION, 9),
            Map.entry(Category.GRASSROOTS, 8),
            Map.entry(Category.CAMPUS, 8),
            Map.entry(Category.YOUTH_STEM, 8),
            Map.entry(Category.HEALTH, 8),
            Map.entry(Category.EMERGENCY, 6),
            Map.entry(Category.RURAL_REVITALIZATION, 6),
            Map.entry(Category.SCIENCE_MUSEUM, 5),
            Map.entry(Category.EDUCATION_BASE_OPEN_DAY, 4),
            Map.entry(Category.CARBON_NEUTRALITY, 4),
            Map.entry(Category.VOLUNTEER_SERVICE, 4),
            Map.entry(Category.COMPETITION, 3),
            Map.entry(Category.TRAINING, 3),
            Map.entry(Category.MOBILE_SCIENCE, 3),
            Map.entry(Category.WATER, 3),
            Map.entry(Category.RESEARCH_OPEN_DAY, 2),
            Map.entry(Category.ENTERPRISE_OPEN_DAY, 2),
            Map.entry(Category.STUDY_TOUR, 2),
            Map.entry(Category.INNOVATION_SHOWCASE, 2),
            Map.entry(Category.OTHER, 1)));

    /** Categories that only make sense at a place. */
    private static final Set<Category> ONSITE_ONLY = EnumSet.of(
            Category.MOBILE_SCIENCE,
            Category.STUDY_TOUR,
            Category.ENTERPRISE_OPEN_DAY,
            Category.EDUCATION_BASE_OPEN_DAY,
            Category.RESEARCH_OPEN_DAY);

    private static final Map<Category, List<Audience>> FOR = Map.of(
            Category.CAMPUS, List.of(Audience.YOUTH, Audience.CHILDREN_AND_PARENTS),
            Category.YOUTH_STEM, List.of(Audience.YOUTH, Audience.CHILDREN_AND_PARENTS),
            Category.STUDY_TOUR, List.of(Audience.YOUTH, Audience.CHILDREN_AND_PARENTS),
            Category.RURAL_REVITALIZATION, List.of(Audience.FARMERS),
            Category.HEALTH, List.of(Audience.ELDERLY, Audience.COMMUNITY_RESIDENTS),
            Category.EMERGENCY, List.of(Audience.COMMUNITY_RESIDENTS, Audience.YOUTH),
            Category.ENTERPRISE_OPEN_DAY, List.of(Audience.URBAN_WORKERS),
            Category.TRAINING, List.of(Audience.CADRES_AND_CIVIL_SERVANTS, Audience.FARMERS, Audience.URBAN_WORKERS),
            Category.SCIENCE_MUSEUM, List.of(Audience.CHILDREN_AND_PARENTS),
            Category.GRASSROOTS, List.of(Audience.COMMUNITY_RESIDENTS));

    private static final String[] VENUES = {"文化广场", "新时代文明实践中心", "图书馆", "科技馆", "青少年活动中心", "文化馆", "体育中心", "人民公园"};

    private static final String[] CO_ORGANIZERS = {"教育局", "科学技术局", "卫生健康委员会", "农业农村局", "应急管理局", "文化和旅游局", "妇女联合会"};

    private final DemoPlaces places;
    private final List<CampaignEdition> editions;
    private final double[] editionShare;
    private final long seed;

    /** Editions get activities in proportion to their length: a month-long campaign has more than a week. */
    ActivityGenerator(DemoPlaces places, List<CampaignEdition> editions, long seed) {
        this.places = places;
        this.editions = List.copyOf(editions);
        this.seed = seed;
        this.editionShare = new double[editions.size()];
        double total = 0;
        for (int i = 0; i < editions.size(); i++) {
            total += ChronoUnit.DAYS.between(
                            editions.get(i).startsOn(), editions.get(i).endsOn())
                    + 1;
            editionShare[i] = total;
        }
        for (int i = 0; i < editionShare.length; i++) {
            editionShare[i] /= total;
        }
    }

    UUID id(int index) {
        return id(seed, index);
    }

    static UUID id(long seed, int index) {
        return UUID.nameUUIDFromBytes(
                ("kepu:generated-activity:" + seed + ":" + index).getBytes(StandardCharsets.UTF_8));
    }

    /** Where activity {@code index} happens: the first draw of its random sequence. */
    Place place(int index) {
        return places.pick(random(index));
    }

    /** Activity {@code index}, published, organized by its county's unit from {@code units} (by region code). */
    Activity activity(int index, Map<String, OrgUnit> units, Instant now) {
        Random r = random(index);
        Place place = places.pick(r);
        CampaignEdition campaign = editions.get(pickEdition(r.nextDouble()));
        double f = r.nextDouble();
        Format format = f < 0.70 ? Format.ONSITE : f < 0.90 ? Format.ONLINE : Format.HYBRID;
        boolean mainVenue = format != Format.ONLINE && r.nextDouble() < 0.0625; // 5% of all
        Category primary = format == Format.ONLINE && r.nextBoolean()
                ? Category.CLOUD_SCIENCE_DAY
                : PRIMARY[r.nextInt(PRIMARY.length)];
        if (format == Format.ONLINE && ONSITE_ONLY.contains(primary)) {
            primary = Category.EXPERT_LECTURE;
        }
        Set<Category> categories = categories(r, primary, format, mainVenue);
        Set<Audience> audiences = audiences(r, primary);
        var texts = DemoTitles.write(
                r,
                new DemoTitles.Subject(
                        place.county().shortName(),
                        place.county().name(),
                        campaign,
                        primary,
                        audiences,
                        format,
                        mainVenue));
        boolean multiDay = categories.contains(Category.EXHIBITION) && r.nextDouble() < 0.6;
        Instant[] times = times(r, campaign, multiDay, format);
        Venue venue = format == Format.ONLINE ? null : venue(r, place, primary);
        List<String> coOrganizers = new ArrayList<>();
        for (int n = r.nextInt(3); n > 0; n--) {
            String co = place.county().name() + CO_ORGANIZERS[r.nextInt(CO_ORGANIZERS.length)];
            if (!coOrganizers.contains(co)) {
                coOrganizers.add(co);
            }
        }
        UUID id = id(index);
        String liveUrl = format == Format.ONSITE
                ? null
                : "https://live.example.org/kepu/" + id.toString().substring(0, 13);
        boolean traditional = r.nextDouble() < TRADITIONAL;
        ActivityDraft draft = new ActivityDraft(
                script(traditional, texts.title()),
                script(traditional, texts.subtitle()),
                campaign.id(),
                place.county().code(),
                venue == null
                        ? null
                        : new Venue(
                                script(traditional, venue.name()),
                                script(traditional, venue.address()),
                                venue.lat(),
                                venue.lon()),
                times[0],
                times[1],
                format,
                categories,
                audiences,
                mainVenue,
                script(traditional, texts.description()),
                coOrganizers.stream().map(c -> script(traditional, c)).toList(),
                null,
                format == Format.ONLINE ? null : r.nextInt(4) == 0 ? null : 50 * (1 + r.nextInt(40)),
                new Accessibility(r.nextInt(5) == 0, r.nextInt(40) == 0, r.nextInt(20) == 0, r.nextInt(4) == 0),
                liveUrl,
                format != Format.ONLINE && r.nextBoolean() ? 100 * (2 + r.nextInt(9)) : null);
        OrgUnit unit = units.get(place.county().code());
        return new Activity(
                id,
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

    private int pickEdition(double x) {
        for (int i = 0; i < editionShare.length - 1; i++) {
            if (x < editionShare[i]) {
                return i;
            }
        }
        return editionShare.length - 1;
    }

    private static Set<Category> categories(Random r, Category primary, Format format, boolean mainVenue) {
        Set<Category> categories = EnumSet.of(primary);
        int size = r.nextInt(100) < 45 ? 1 : r.nextInt(100) < 73 ? 2 : 3; // about 45% one, 40% two, 15% three
        if (format == Format.ONLINE && primary != Category.CLOUD_SCIENCE_DAY && r.nextBoolean()) {
            categories.add(Category.CLOUD_SCIENCE_DAY);
        }
        if (mainVenue) {
            categories.add(Category.EXHIBITION);
        }
        while (categories.size() < size) {
            Category extra = PRIMARY[r.nextInt(PRIMARY.length)];
            if (format != Format.ONLINE || !ONSITE_ONLY.contains(extra)) {
                categories.add(extra);
            }
        }
        return categories;
    }

    private static Set<Audience> audiences(Random r, Category primary) {
        Set<Audience> audiences = EnumSet.noneOf(Audience.class);
        List<Audience> preferred = FOR.get(primary);
        if (preferred != null && r.nextInt(5) > 0) {
            audiences.add(preferred.get(r.nextInt(preferred.size())));
        } else {
            audiences.add(Audience.GENERAL_PUBLIC);
        }
        int size = r.nextInt(100) < 50 ? 1 : r.nextInt(100) < 70 ? 2 : 3;
        Audience[] all = Audience.values();
        while (audiences.size() < size) {
            // the general public and community residents are the most common second audiences
            audiences.add(
                    r.nextBoolean()
                            ? (r.nextBoolean() ? Audience.GENERAL_PUBLIC : Audience.COMMUNITY_RESIDENTS)
                            : all[r.nextInt(all.length)]);
        }
        return audiences;
    }

    /**
     * Mostly daytime on one day, 1 to 8 hours; multi-day exhibitions run 3 to 10 days from 9:00 to 17:00;
     * some online activities are evening broadcasts. Weekends are busier.
     */
    static Instant[] times(Random r, CampaignEdition campaign, boolean multiDay, Format format) {
        int days = (int) ChronoUnit.DAYS.between(campaign.startsOn(), campaign.endsOn()) + 1;
        if (multiDay && days >= 3) {
            int length = 3 + r.nextInt(Math.min(8, days - 2));
            LocalDate first = campaign.startsOn().plusDays(r.nextInt(days - length + 1));
            return new Instant[] {at(first, LocalTime.of(9, 0)), at(first.plusDays(length - 1), LocalTime.of(17, 0))};
        }
        LocalDate day = campaign.startsOn().plusDays(r.nextInt(days));
        if (day.getDayOfWeek().getValue() < 6 && r.nextInt(3) == 0) {
            day = campaign.startsOn().plusDays(r.nextInt(days)); // a second draw favours weekends a little
        }
        if (format == Format.ONLINE && r.nextInt(6) == 0) {
            LocalTime start = LocalTime.of(19, 30 * r.nextInt(2));
            return new Instant[] {at(day, start), at(day, start).plus(60 + 30 * r.nextInt(3), ChronoUnit.MINUTES)};
        }
        boolean morning = r.nextInt(3) < 2;
        LocalTime start = morning
                ? LocalTime.of(8, 30).plusMinutes(30L * r.nextInt(4)) // 8:30 to 10:00
                : LocalTime.of(14, 0).plusMinutes(30L * r.nextInt(4)); // 14:00 to 15:30
        // 1 to 8 hours, mostly 2 to 5; afternoon ones end by 19:30
        int halfHours = 2 + Math.min(r.nextInt(6) + r.nextInt(6) + r.nextInt(4), morning ? 14 : 6);
        return new Instant[] {at(day, start), at(day, start).plus(30L * halfHours, ChronoUnit.MINUTES)};
    }

    private static Venue venue(Random r, Place place, Category primary) {
        String county = place.county().name();
        String name = switch (primary) {
            case CAMPUS, YOUTH_STEM ->
                county + (r.nextBoolean() ? "第" + "一二三四五六七八九".charAt(r.nextInt(9)) + "中学" : "实验小学");
            case SCIENCE_MUSEUM -> county + "科技馆";
            case HEALTH -> county + "人民医院";
            case RURAL_REVITALIZATION -> county + "农业科技示范园";
            case ENTERPRISE_OPEN_DAY -> place.county().shortName() + "经济开发区";
            default -> county + VENUES[r.nextInt(VENUES.length)];
        };
        double lat = place.county().center().lat() + (r.nextDouble() - 0.5) * 0.04;
        double lon = place.county().center().lon() + (r.nextDouble() - 0.5) * 0.04;
        return new Venue(name, place.address(), Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6);
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(CampaignTime.ZONE).toInstant();
    }

    private static String script(boolean traditional, String text) {
        return traditional && text != null ? Traditional.of(text) : text;
    }

    /** Activity {@code index}'s own sequence: the seed and index are mixed (SplitMix64) because {@code new
     * Random(n)} and {@code new Random(n + 1)} start with correlated draws. */
    private Random random(int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    private static Category[] weighted(Map<Category, Integer> weights) {
        List<Category> list = new ArrayList<>();
        weights.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()) // Map.ofEntries has no stable order; the draw must
                .forEach(e -> {
                    for (int i = 0; i < e.getValue(); i++) {
                        list.add(e.getKey());
                    }
                });
        return list.toArray(Category[]::new);
    }
}
