package org.kepu.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Parses the shipped county file ({@code regions/counties_geo_npm.csv}) into provinces, cities and counties.
 * Provinces and cities come from the parent columns; their centre is the mean of their counties' centres
 * (or their own, for cities without counties).
 */
final class RegionData {

    static final String RESOURCE = "regions/counties_geo_npm.csv";
    static final String TOWNS = "regions/towns_npm.csv";

    private RegionData() {}

    static byte[] read() throws IOException {
        return read(RESOURCE);
    }

    static byte[] readTowns() throws IOException {
        return read(TOWNS);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = RegionData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return in.readAllBytes();
        }
    }

    static int checksum(byte[]... files) {
        CRC32 crc = new CRC32();
        for (byte[] data : files) {
            crc.update(data);
        }
        return (int) crc.getValue();
    }

    /**
     * Provinces, cities and counties from the county file, then towns from the town file. A town has no
     * point of its own in the shipped data: it takes its county's centre (or its city's, for cities
     * without counties, whose towns the file lists under codes such as 441900).
     */
    static List<Region> parse(byte[] counties, byte[] towns) throws IOException {
        List<Region> regions = parse(counties);
        Map<String, Region> byCode = new java.util.HashMap<>();
        regions.forEach(r -> byCode.put(r.code(), r));
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new java.io.ByteArrayInputStream(towns), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("code,name,county_code")) {
                throw new IOException("unexpected header in " + TOWNS + ": " + header);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                String[] f = line.split(",", -1);
                if (f.length < 3 || f[0].length() != 9) {
                    continue;
                }
                String parent = RegionCode.canonical(f[2]).orElse("");
                Region county = byCode.get(parent);
                if (county == null) {
                    continue; // a town of a county the county file does not know: skipped, not guessed
                }
                regions.add(new Region(
                        f[0], f[1], ShortNames.of(f[1]), RegionLevel.TOWN, Optional.of(parent), county.center()));
            }
        }
        return regions;
    }

    /** Provinces, cities and counties, parents first, so that each row's parent exists when it is written. */
    static List<Region> parse(byte[] data) throws IOException {
        Map<String, Accumulator> provinces = new LinkedHashMap<>();
        Map<String, Accumulator> cities = new LinkedHashMap<>();
        List<Region> counties = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new java.io.ByteArrayInputStream(data), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("code,name,city_code,city,province_code,province,lon,lat")) {
                throw new IOException("unexpected header in " + RESOURCE + ": " + header);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                double lon = Double.parseDouble(f[6]);
                double lat = Double.parseDouble(f[7]);
                provinces.computeIfAbsent(f[4], c -> new Accumulator(f[5])).add(lat, lon);
                Accumulator city = cities.computeIfAbsent(f[2], c -> new Accumulator(f[3]));
                if (f[0].equals(f[2] + "00")) {
                    // a city without counties (东莞市 441900) is listed as its own county: it is the city
                    // (three such rows: 东莞, 中山, 儋州)
                    city.own = new Region.GeoPoint(lat, lon);
                } else {
                    city.add(lat, lon);
                    counties.add(region(f[0], f[1], new Region.GeoPoint(lat, lon)));
                }
            }
        }
        List<Region> regions = new ArrayList<>();
        provinces.forEach((code, acc) -> regions.add(region(code, acc.name, acc.center())));
        cities.forEach((code, acc) -> regions.add(region(code, acc.name, acc.center())));
        regions.addAll(counties);
        return regions;
    }

    private static Region region(String code, String name, Region.GeoPoint center) {
        String canonical =
                RegionCode.canonical(code).orElseThrow(() -> new IllegalArgumentException("bad code " + code));
        Optional<String> parent = RegionCode.parent(canonical);
        return new Region(canonical, name, ShortNames.of(name), RegionCode.level(canonical), parent, center);
    }

    private static final class Accumulator {
        final String name;
        Region.GeoPoint own;
        double lat;
        double lon;
        int count;

        Accumulator(String name) {
            this.name = name;
        }

        void add(double lat, double lon) {
            this.lat += lat;
            this.lon += lon;
            count++;
        }

        Region.GeoPoint center() {
            if (own != null) {
                return own;
            }
            return new Region.GeoPoint(round(lat / count), round(lon / count));
        }

        private static double round(double degrees) {
            return Math.round(degrees * 1e6) / 1e6;
        }
    }
}
