package org.kepu.discovery.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kepu.discovery.DiscoveryService;
import org.kepu.discovery.SearchParameters;
import org.kepu.discovery.SearchQuery;
import org.kepu.discovery.Suggestions;
import org.kepu.shared.error.InvalidParameter;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Suggestions while typing and the clustered map: API.md's suggest and map endpoints. */
@RestController
class ExploreController {

    private final DiscoveryService discovery;
    /** Parses the map's search filters exactly as the search does. */
    private final SearchParameters filters;

    ExploreController(DiscoveryService discovery, SearchParameters filters) {
        this.discovery = discovery;
        this.filters = filters;
    }

    @GetMapping("/api/v1/activities/suggest")
    Mono<Map<String, List<Suggestions.Item>>> suggest(@RequestParam MultiValueMap<String, String> params) {
        return Mono.fromCallable(() -> {
                    for (String name : params.keySet()) {
                        if (!name.equals("q") && !name.equals("size")) {
                            throw new InvalidParameter(name, "Unknown parameter " + name + ".");
                        }
                    }
                    String q = one(params, "q").strip();
                    if (q.isEmpty() || q.length() > 50) {
                        throw new InvalidParameter("q", "q is 1 to 50 characters.");
                    }
                    String size = one(params, "size");
                    int n = size.isEmpty() ? 8 : integer("size", size, 1, 20);
                    return Map.entry(q, n);
                })
                .flatMap(p -> discovery.suggest(p.getKey(), p.getValue()))
                .map(items -> Map.of("suggestions", items));
    }

    @GetMapping("/api/v1/activities/map")
    Mono<Map<String, List<Map<String, Object>>>> map(@RequestParam MultiValueMap<String, String> params) {
        return Mono.fromCallable(() -> {
                    double[] bbox = bbox(one(params, "bbox"));
                    int zoom = integer("zoom", one(params, "zoom"), 0, 22);
                    MultiValueMap<String, String> rest = new org.springframework.util.LinkedMultiValueMap<>(params);
                    rest.remove("bbox");
                    rest.remove("zoom");
                    rest.remove("sort"); // clusters have no order
                    SearchQuery query = filters.parse(rest, Set.of());
                    return java.util.Map.entry(query, new Object[] {bbox, zoom});
                })
                .flatMap(p -> discovery.map(p.getKey(), (double[]) p.getValue()[0], (Integer) p.getValue()[1]))
                .map(clusters -> Map.of("clusters", clusters));
    }

    /** minLon,minLat,maxLon,maxLat in degrees, min below max (a box across the antimeridian is two requests). */
    static double[] bbox(String value) {
        String[] parts = value.split(",");
        if (parts.length != 4) {
            throw new InvalidParameter("bbox", "bbox is minLon,minLat,maxLon,maxLat.");
        }
        double[] box = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                box[i] = Double.parseDouble(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new InvalidParameter("bbox", "bbox is minLon,minLat,maxLon,maxLat.");
        }
        boolean valid =
                box[0] >= -180 && box[2] <= 180 && box[1] >= -90 && box[3] <= 90 && box[0] < box[2] && box[1] < box[3];
        if (!valid) {
            throw new InvalidParameter("bbox", "bbox is minLon,minLat,maxLon,maxLat within ±180/±90, min below max.");
        }
        return box;
    }

    private static String one(MultiValueMap<String, String> p, String name) {
        List<String> values = p.get(name);
        if (values == null || values.isEmpty()) {
            return "";
        }
        if (values.size() > 1) {
            throw new InvalidParameter(name, name + " is given once.");
        }
        return values.get(0);
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, name + " is a whole number from " + min + " to " + max + ".");
        }
    }
}
