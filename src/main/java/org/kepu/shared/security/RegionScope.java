package org.kepu.shared.security;

import java.util.Objects;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A region subtree that an actor may see and act in, used in memory and inside SQL, so that region
 * authority is enforced by the queries themselves and not only at the controller.
 *
 * <p>Region codes are hierarchical prefixes (34 → 3402 → 340207 → 340207001), so "inside the subtree" is a
 * prefix test: in Java {@link #contains}, in SQL {@link #sql} with {@link #bind}.
 */
public final class RegionScope {

    private static final RegionScope EVERYWHERE = new RegionScope(null);

    /** The bind-parameter name {@link #sql} uses. */
    public static final String PARAMETER = "scopeRegion";

    private final String root;

    private RegionScope(String root) {
        this.root = root;
    }

    public static RegionScope everywhere() {
        return EVERYWHERE;
    }

    public static RegionScope subtree(String rootCode) {
        return new RegionScope(Objects.requireNonNull(rootCode));
    }

    /** The root region code, or empty for the whole country. */
    public Optional<String> root() {
        return Optional.ofNullable(root);
    }

    /** Whether a region (canonical code) lies in this scope; a record without region is national only. */
    public boolean contains(String regionCode) {
        if (root == null) {
            return true;
        }
        return regionCode != null && regionCode.startsWith(root);
    }

    /** A SQL predicate on a region-code column; bind it with {@link #bind}. */
    public String sql(String column) {
        return "starts_with(" + column + ", :" + PARAMETER + ")";
    }

    /** Binds the scope's root ("" for everywhere: every code starts with the empty string). */
    public DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
        return spec.bind(PARAMETER, root == null ? "" : root);
    }

    @Override
    public String toString() {
        return root == null ? "everywhere" : "subtree of " + root;
    }
}
