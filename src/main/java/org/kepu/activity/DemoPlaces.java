package org.kepu.activity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.kepu.region.Region;
import org.kepu.region.RegionLevel;

/**
 * The counties generated activities happen in, drawn so that populous provinces get more: a province's
 * share follows its population, spread evenly over its counties.
 */
final class DemoPlaces {

    /** A county with the names its addresses need. */
    record Place(Region county, String cityName, String provinceName) {

        /** 安徽省芜湖市鸠江区; the placeholder city names of municipalities (市辖区) are left out. */
        String address() {
            boolean realCity = !cityName.equals("市辖区") && !cityName.endsWith("直辖县级行政区划");
            return provinceName + (realCity ? cityName : "") + county.name();
        }

        /** The generated association that organizes the county's activities. */
        String unitName() {
            return county.shortName() + "科学技术协会";
        }
    }

    /** Resident population in millions (2020 census), by province code. */
    private static final Map<String, Double> POPULATION = Map.ofEntries(
            Map.entry("11", 21.9),
            Map.entry("12", 13.9),
            Map.entry("13", 74.6),
            Map.entry("14", 34.9),
            Map.entry("15", 24.0),
            Map.entry("21", 42.6),
            Map.entry("22", 24.1),
            Map.entry("23", 31.9),
            Map.entry("31", 24.9),
            Map.entry("32", 84.7),
            Map.entry("33", 64.6),
            Map.entry("34", 61.0),
            Map.entry("35", 41.5),
            Map.entry("36", 45.2),
            Map.entry("37", 101.5),
            Map.entry("41", 99.4),
            Map.entry("42", 57.8),
            Map.entry("43", 66.4),
            Map.entry("44", 126.0),
            Map.entry("45", 50.1),
            Map.entry("46", 10.1),
            Map.entry("50", 32.1),
            Map.entry("51", 83.7),
            Map.entry("52", 38.6),
            Map.entry("53", 47.2),
            Map.entry("54", 3.6),
            Map.entry("61", 39.5),
            Map.entry("62", 25.0),
            Map.entry("63", 5.9),
            Map.entry("64", 7.2),
            Map.entry("65", 25.9));

    private static final Pattern ZONE = Pattern.compile("(开发区|管理区|园区|示范区|合作区|实验区)$");

    private final List<Place> places;
    private final double[] cumulative;

    private DemoPlaces(List<Place> places, double[] cumulative) {
        this.places = places;
        this.cumulative = cumulative;
    }

    /**
     * The counties among {@code regions} (every region, as the region module lists them). Statistical units
     * that are no counties in GB/T 2260 are left out: 西沙群岛 has no one to run activities, and development
     * zones (长春净月高新技术产业开发区) have no short name to put in a title.
     */
    static DemoPlaces of(List<Region> regions) {
        Map<String, Region> byCode = new HashMap<>();
        regions.forEach(r -> byCode.put(r.code(), r));
        List<Region> counties = regions.stream()
                .filter(r -> r.level() == RegionLevel.COUNTY)
                .filter(r ->
                        r.name().matches(".*[县区市旗]") && !ZONE.matcher(r.name()).find())
                .sorted((a, b) -> a.code().compareTo(b.code())) // the draw must not depend on the input order
                .toList();
        Map<String, Integer> perProvince = new HashMap<>();
        counties.forEach(c -> perProvince.merge(c.code().substring(0, 2), 1, Integer::sum));
        List<Place> places = new ArrayList<>();
        double[] cumulative = new double[counties.size()];
        double total = 0;
        for (Region county : counties) {
            String province = county.code().substring(0, 2);
            total += POPULATION.getOrDefault(province, 1.0) / perProvince.get(province);
            cumulative[places.size()] = total;
            places.add(new Place(
                    county,
                    byCode.get(county.code().substring(0, 4)).name(),
                    byCode.get(province).name()));
        }
        if (places.isEmpty()) {
            throw new IllegalStateException("no counties in the region data");
        }
        return new DemoPlaces(List.copyOf(places), cumulative);
    }

    Place pick(Random random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        return places.get(Math.min(i < 0 ? -i - 1 : i, places.size() - 1));
    }

    List<Place> all() {
        return places;
    }
}
