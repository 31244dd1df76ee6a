package org.kepu.checkin;

import java.time.Duration;
import java.time.Instant;
import org.kepu.activity.ActivityDraft;
import org.kepu.activity.Format;
import org.kepu.activity.Venue;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.error.ValidationFailed;

/** Opening hours and the geofence: pure rules on an activity's draft, the time and a reported position. */
final class CheckInRules {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private CheckInRules() {}

    /** Check-in opens {@code opensBefore} the start and closes at the end. */
    static void open(ActivityDraft activity, Instant now, Duration opensBefore) {
        if (now.isBefore(activity.startsAt().minus(opensBefore)) || !now.isBefore(activity.endsAt())) {
            throw new NotOpen();
        }
    }

    /** With a radius set, the position is required and must lie within it of the venue. */
    static void geofence(ActivityDraft activity, Double lat, Double lon) {
        Integer radius = activity.checkInRadiusM();
        Venue venue = activity.venue();
        if (radius == null || venue == null) {
            return;
        }
        if (lat == null || lon == null) {
            throw new ValidationFailed(java.util.List.of(
                    new FieldError("lat", "required", "This activity checks your position; send lat and lon."),
                    new FieldError("lon", "required", "This activity checks your position; send lat and lon.")));
        }
        if (distanceM(venue.lat(), venue.lon(), lat, lon) > radius) {
            throw new OutsideGeofence();
        }
    }

    /** Online tokens are handed out by the livestream, which only online and hybrid activities have. */
    static void online(ActivityDraft activity) {
        if (activity.format() == Format.ONSITE) {
            throw new NotOnline();
        }
    }

    /** Great-circle distance (haversine); metres of error are irrelevant next to a 50 m minimum radius. */
    static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
