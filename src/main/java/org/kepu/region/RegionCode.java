package org.kepu.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Region codes and their rules. Canonical codes have 2 (province), 4 (city), 6 (county) or 9 (town)
 * digits; the hierarchy is in the prefix, so "inside a subtree" is a prefix test. The zero-padded
 * six-digit forms used on forms and maps (340000, 340200) are accepted and shortened.
 */
public final class RegionCode {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}");

    private RegionCode() {}

    /** The canonical form of a code, or empty when it is not a region code at all. */
    public static Optional<String> canonical(String raw) {
        if (raw == null || !DIGITS.matcher(raw).matches()) {
            return Optional.empty();
        }
        String code = raw;
        if (code.length() == 12) { // 12-digit statistical form of a town: 130102001000
            code = code.endsWith("000") ? code.substring(0, 9) : code;
            if (code.length() == 12) {
                return Optional.empty();
            }
        }
        if (code.length() == 6 && code.endsWith("0000")) {
            code = code.substring(0, 2);
        } else if (code.length() == 6 && code.endsWith("00")) {
            code = code.substring(0, 4);
        }
        if (code.startsWith("00")) {
            return Optional.empty();
        }
        return Optional.of(code);
    }

    public static RegionLevel level(String canonical) {
        return RegionLevel.ofDigits(canonical.length());
    }

    /** The parent's code, or empty for a province. */
    public static Optional<String> parent(String canonical) {
        return switch (canonical.length()) {
            case 2 -> Optional.empty();
            case 4 -> Optional.of(canonical.substring(0, 2));
            case 6 -> Optional.of(canonical.substring(0, 4));
            case 9 -> Optional.of(canonical.substring(0, 6));
            default -> throw new IllegalArgumentException("not a canonical region code: " + canonical);
        };
    }

    /** Ancestors from the province down, without the code itself. */
    public static List<String> ancestors(String canonical) {
        List<String> ancestors = new ArrayList<>();
        for (Optional<String> p = parent(canonical); p.isPresent(); p = parent(p.get())) {
            ancestors.add(0, p.get());
        }
        return ancestors;
    }

    /** Whether {@code code} is {@code root} or lies below it. Both canonical. */
    public static boolean isWithin(String code, String root) {
        return code.startsWith(root);
    }
}
