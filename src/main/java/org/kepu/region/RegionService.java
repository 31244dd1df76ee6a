package org.kepu.region;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The region module's API: look up regions by code, walk the tree, and test subtree membership. Codes may
 * be given in any accepted form (see {@link RegionCode#canonical}); answers use canonical codes.
 */
@Service
public class RegionService {

    private final Mono<RegionTree> tree;

    RegionService(RegionRepository repository) {
        // Loaded once; a failed load (database down) is not cached, so the next call tries again.
        this.tree = repository
                .findAll()
                .collectList()
                .map(RegionTree::new)
                .timeout(Duration.ofSeconds(10))
                // kept for the life of the app (no expiry timer); a failure is not cached
                .cacheInvalidateIf(loaded -> false);
    }

    /** The region with this code, or {@link RegionNotFound}; a malformed code is {@link InvalidRegionCode}. */
    public Mono<Region> require(String code) {
        return require("code", code);
    }

    /** As {@link #require(String)}, naming the request field a malformed code came from. */
    public Mono<Region> require(String field, String code) {
        return Mono.defer(() -> {
            String canonical = RegionCode.canonical(code).orElseThrow(() -> new InvalidRegionCode(field, code));
            return tree.flatMap(t -> Mono.justOrEmpty(t.find(canonical)))
                    .switchIfEmpty(Mono.error(() -> new RegionNotFound(canonical)));
        });
    }

    /** A region with its ancestors. */
    public Mono<RegionDetails> details(String code) {
        return require(code).zipWith(tree, (region, t) -> new RegionDetails(region, t.path(region)));
    }

    /** The provinces when {@code parent} is empty, else the children of an existing region. */
    public Flux<Region> children(Optional<String> parent) {
        if (parent.isEmpty()) {
            return tree.flatMapIterable(t -> t.children(Optional.empty()));
        }
        return require("parent", parent.get())
                .zipWith(tree, (region, t) -> t.children(Optional.of(region.code())))
                .flatMapIterable(children -> children);
    }

    /** Every region, for search dictionaries and statistics. */
    public Mono<List<Region>> all() {
        return tree.map(RegionTree::all);
    }

    /** Whether {@code code} is {@code root} or inside its subtree (both canonical). */
    public static boolean isWithin(String code, String root) {
        return RegionCode.isWithin(code, root);
    }
}
