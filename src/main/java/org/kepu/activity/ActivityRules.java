package org.kepu.activity;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.kepu.campaign.CampaignEdition;
import org.kepu.region.Region;
import org.kepu.region.RegionLevel;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.security.RegionScope;
import org.kepu.shared.time.CampaignTime;

/**
 * What a valid activity is. Pure: the caller looks up the campaign edition and region, and gets every
 * problem at once as field errors.
 */
final class ActivityRules {

    /** Activities may start a little before or end a little after their campaign (warm-up, follow-up). */
    static final Period CAMPAIGN_MARGIN = Period.ofDays(30);

    static final Duration LONGEST = Duration.ofDays(62);

    // China's bounding box, generously (Zengmu Ansha to Mohe, Pamirs to the Wusu Li)
    static final double MIN_LAT = 3.5, MAX_LAT = 53.6, MIN_LON = 73.4, MAX_LON = 135.1;

    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{5,30}");

    private ActivityRules() {}

    /** How far from its region's centre a venue may lie, by the region's level. */
    static double maxDistanceKm(RegionLevel level) {
        return switch (level) {
            case TOWN -> 100;
            case COUNTY -> 300;
            case CITY -> 600;
            case PROVINCE -> 2000;
        };
    }

    static List<FieldError> check(ActivityDraft d, CampaignEdition campaign, Region region, RegionScope scope) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "title", d.title(), 4, 100, true);
        text(errors, "subtitle", d.subtitle(), 0, 100, false);
        text(errors, "description", d.description(), 0, 5000, false);
        if (d.coOrganizers().size() > 20) {
            errors.add(new FieldError("coOrganizers", "too-many", "At most 20 co-organizers."));
        }
        for (int i = 0; i < d.coOrganizers().size(); i++) {
            text(errors, "coOrganizers[" + i + "]", d.coOrganizers().get(i), 2, 100, true);
        }
        if (!scope.contains(region.code())) {
            errors.add(new FieldError("regionCode", "outside-scope", "The region lies outside your unit's region."));
        }
        times(errors, d, campaign);
        if (d.format() == null) {
            errors.add(new FieldError("format", "required", "The format is required."));
        } else {
            venue(errors, d, region);
            if (d.format() != Format.ONSITE
                    && (d.liveUrl() == null || d.liveUrl().isBlank())) {
                errors.add(
                        new FieldError("live.url", "required", "Online and hybrid activities need a livestream URL."));
            }
        }
        if (d.liveUrl() != null && !d.liveUrl().isBlank()) {
            url(errors, "live.url", d.liveUrl());
        }
        if (d.categories().isEmpty() || d.categories().size() > 5) {
            errors.add(new FieldError("categories", "count", "Choose 1 to 5 categories."));
        }
        if (d.audiences().isEmpty()) {
            errors.add(new FieldError("audiences", "required", "Choose at least one audience."));
        }
        if (d.capacity() != null && (d.capacity() < 1 || d.capacity() > 10_000_000)) {
            errors.add(new FieldError("capacity", "range", "Capacity is 1 to 10,000,000."));
        }
        if (d.checkInRadiusM() != null && (d.checkInRadiusM() < 50 || d.checkInRadiusM() > 5000)) {
            errors.add(new FieldError("checkInRadiusM", "range", "The check-in radius is 50 to 5,000 m."));
        }
        if (d.checkInRadiusM() != null && d.format() == Format.ONLINE) {
            errors.add(new FieldError("checkInRadiusM", "not-onsite", "An online activity has no venue to fence."));
        }
        if (d.contact() != null) {
            text(errors, "contact.name", d.contact().name(), 0, 50, false);
            if (d.contact().phone() != null
                    && !d.contact().phone().isBlank()
                    && !PHONE.matcher(d.contact().phone()).matches()) {
                errors.add(new FieldError(
                        "contact.phone", "pattern", "A phone number has 5 to 30 digits, +, -, () or spaces."));
            }
        }
        return errors;
    }

    private static void times(List<FieldError> errors, ActivityDraft d, CampaignEdition campaign) {
        if (d.startsAt() == null) {
            errors.add(new FieldError("startsAt", "required", "The start time is required."));
        }
        if (d.endsAt() == null) {
            errors.add(new FieldError("endsAt", "required", "The end time is required."));
        }
        if (d.startsAt() == null || d.endsAt() == null) {
            return;
        }
        if (!d.endsAt().isAfter(d.startsAt())) {
            errors.add(new FieldError("endsAt", "before-start", "The end must be after the start."));
        } else if (Duration.between(d.startsAt(), d.endsAt()).compareTo(LONGEST) > 0) {
            errors.add(new FieldError("endsAt", "too-long", "An activity lasts at most 62 days."));
        }
        LocalDate earliest = campaign.startsOn().minus(CAMPAIGN_MARGIN);
        LocalDate latest = campaign.endsOn().plus(CAMPAIGN_MARGIN);
        LocalDate start = d.startsAt().atZone(CampaignTime.ZONE).toLocalDate();
        LocalDate end = d.endsAt().atZone(CampaignTime.ZONE).toLocalDate();
        if (start.isBefore(earliest) || start.isAfter(latest)) {
            errors.add(new FieldError(
                    "startsAt", "outside-campaign", "The start must lie within 30 days of the campaign's dates."));
        } else if (end.isAfter(latest)) {
            errors.add(new FieldError(
                    "endsAt", "outside-campaign", "The end must lie within 30 days of the campaign's dates."));
        }
    }

    private static void venue(List<FieldError> errors, ActivityDraft d, Region region) {
        Venue venue = d.venue();
        if (venue == null) {
            if (d.format() != Format.ONLINE) {
                errors.add(new FieldError("venue", "required", "On-site and hybrid activities need a venue."));
            }
            return;
        }
        text(errors, "venue.name", venue.name(), 2, 100, true);
        text(errors, "venue.address", venue.address(), 0, 200, false);
        if (venue.lat() < MIN_LAT || venue.lat() > MAX_LAT || venue.lon() < MIN_LON || venue.lon() > MAX_LON) {
            errors.add(new FieldError("venue.location", "outside-china", "The venue must lie in China."));
            return;
        }
        double km = distanceKm(
                venue.lat(), venue.lon(), region.center().lat(), region.center().lon());
        double max = maxDistanceKm(region.level());
        if (km > max) {
            errors.add(new FieldError(
                    "venue.location",
                    "far-from-region",
                    String.format(
                            "The venue is %.0f km from %s; at most %.0f km is expected.", km, region.name(), max)));
        }
    }

    private static void text(List<FieldError> errors, String field, String value, int min, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "required", "This field is required."));
            }
            return;
        }
        int length = value.strip().codePointCount(0, value.strip().length());
        if (length < min || length > max) {
            errors.add(new FieldError(field, "length", "Length must be " + min + " to " + max + " characters."));
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.add(new FieldError(field, "control-characters", "Control characters are not allowed."));
        }
    }

    static void url(List<FieldError> errors, String field, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null
                    || value.length() > 500) {
                errors.add(new FieldError(field, "url", "An http(s) URL of at most 500 characters is expected."));
            }
        } catch (java.net.URISyntaxException e) {
            errors.add(new FieldError(field, "url", "An http(s) URL of at most 500 characters is expected."));
        }
    }

    /** Great-circle distance (haversine); GCJ-02 offsets of a few hundred metres do not matter here. */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
