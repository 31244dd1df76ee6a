package org.kepu.campaign;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kepu.region.Region;
import org.kepu.shared.error.FieldError;

/**
 * The rules an edition's fields must follow, as pure functions so they are testable without engines. Every
 * broken rule is reported, not just the first, so an admin fixes a form in one go. Field codes: {@code
 * required}, {@code too-long}, {@code out-of-range}, {@code outside-year}, {@code before-start}, {@code
 * too-many-days}, {@code after-start}, {@code not-allowed}, {@code level-mismatch}; the region lookup adds
 * {@code invalid-region-code} and {@code region-not-found}.
 */
final class CampaignEditionRules {

    static final int DEFAULT_EVIDENCE_DUE_DAYS = 10;
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;
    static final int MAX_NAME = 100;
    static final int MAX_THEME = 200;
    /** Two months: the longest campaign so far is the month-long 科普月; this leaves room, not a season. */
    static final int MAX_DAYS = 62;

    static final int MIN_EVIDENCE_DUE_DAYS = 1;
    static final int MAX_EVIDENCE_DUE_DAYS = 60;

    private CampaignEditionRules() {}

    /** Problems visible without looking the region up; {@link #regionFits} checks the region found. */
    static List<FieldError> check(EditionFields fields) {
        List<FieldError> errors = new ArrayList<>();
        if (fields instanceof EditCampaignEdition edit) {
            if (edit.version() == null) {
                errors.add(required("version"));
            } else if (edit.version() < 0) {
                errors.add(new FieldError("version", "out-of-range", "A version is never negative."));
            }
        }
        if (fields.kind() == null) {
            errors.add(required("kind"));
        }
        checkYear(fields.year(), errors);
        checkLevelAndRegion(fields.level(), fields.regionCode(), errors);
        checkText("name", fields.name(), MAX_NAME, errors);
        checkText("theme", fields.theme(), MAX_THEME, errors);
        checkDates(fields, errors);
        Integer due = fields.evidenceDueDays();
        if (due != null && (due < MIN_EVIDENCE_DUE_DAYS || due > MAX_EVIDENCE_DUE_DAYS)) {
            errors.add(new FieldError(
                    "evidenceDueDays",
                    "out-of-range",
                    "Evidence is due " + MIN_EVIDENCE_DUE_DAYS + " to " + MAX_EVIDENCE_DUE_DAYS
                            + " days after the end."));
        }
        return errors;
    }

    /** Whether the region found for {@code regionCode} is of the level the edition needs. */
    static Optional<FieldError> regionFits(CampaignLevel level, Region region) {
        if (level == null || level.regionLevel().map(region.level()::equals).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(new FieldError(
                "regionCode",
                "level-mismatch",
                "A " + level + " edition needs a " + level.regionLevel().orElseThrow() + " code; " + region.code()
                        + " (" + region.name() + ") is a " + region.level() + "."));
    }

    /** Whether the edition needs its region looked up. */
    static boolean needsRegion(EditionFields fields) {
        return fields.level() != CampaignLevel.NATIONAL && !isBlank(fields.regionCode());
    }

    static String clean(String text) {
        return text == null ? null : text.strip();
    }

    private static void checkYear(Integer year, List<FieldError> errors) {
        if (year == null) {
            errors.add(required("year"));
        } else if (year < MIN_YEAR || year > MAX_YEAR) {
            errors.add(new FieldError("year", "out-of-range", "The year is " + MIN_YEAR + " to " + MAX_YEAR + "."));
        }
    }

    private static void checkLevelAndRegion(CampaignLevel level, String regionCode, List<FieldError> errors) {
        if (level == null) {
            errors.add(required("level"));
        } else if (level == CampaignLevel.NATIONAL && !isBlank(regionCode)) {
            errors.add(new FieldError("regionCode", "not-allowed", "A national edition has no region."));
        } else if (level != CampaignLevel.NATIONAL && isBlank(regionCode)) {
            errors.add(new FieldError(
                    "regionCode", "required", "A " + level + " edition needs the code of its " + level + "."));
        }
    }

    private static void checkText(String field, String value, int max, List<FieldError> errors) {
        String text = clean(value);
        if (text == null || text.isEmpty()) {
            errors.add(required(field));
        } else if (text.codePointCount(0, text.length()) > max) {
            errors.add(new FieldError(field, "too-long", "At most " + max + " characters."));
        }
    }

    private static void checkDates(EditionFields fields, List<FieldError> errors) {
        LocalDate starts = fields.startsOn();
        LocalDate ends = fields.endsOn();
        Integer year = fields.year();
        if (starts == null) {
            errors.add(required("startsOn"));
        } else if (year != null && starts.getYear() != year) {
            errors.add(new FieldError("startsOn", "outside-year", "The edition starts in its year, " + year + "."));
        }
        if (ends == null) {
            errors.add(required("endsOn"));
        } else if (starts != null && ends.isBefore(starts)) {
            errors.add(new FieldError("endsOn", "before-start", "The edition ends on or after its first day."));
        } else if (starts != null && ChronoUnit.DAYS.between(starts, ends) + 1 > MAX_DAYS) {
            errors.add(new FieldError("endsOn", "too-many-days", "An edition lasts at most " + MAX_DAYS + " days."));
        }
        LocalDate opens = fields.registrationOpensOn();
        if (opens != null && starts != null && opens.isAfter(starts)) {
            errors.add(new FieldError(
                    "registrationOpensOn", "after-start", "Registration opens on or before the first day."));
        } else if (opens != null && year != null && opens.getYear() < year - 1) {
            // a year's lead time is plenty; earlier is almost always a typo in the year
            errors.add(new FieldError(
                    "registrationOpensOn", "out-of-range", "Registration opens in " + (year - 1) + " or later."));
        }
    }

    private static FieldError required(String field) {
        return new FieldError(field, "required", "This field is required.");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
