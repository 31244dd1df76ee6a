package org.kepu.checkin.web;

import java.util.ArrayList;
import java.util.List;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.error.ValidationFailed;

/** The check-in body: the scanned or handed-out token, and the position when the activity has a geofence. */
record CheckInRequest(String token, Double lat, Double lon) {

    /** Shape checks only; whether the position is needed depends on the activity. */
    void validate() {
        List<FieldError> errors = new ArrayList<>();
        if (token == null || token.isBlank()) {
            errors.add(new FieldError("token", "required", "Send the token from the check-in code."));
        }
        if (lat != null && (lat.isNaN() || lat < -90 || lat > 90)) {
            errors.add(new FieldError("lat", "range", "Latitude is between -90 and 90."));
        }
        if (lon != null && (lon.isNaN() || lon < -180 || lon > 180)) {
            errors.add(new FieldError("lon", "range", "Longitude is between -180 and 180."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }
}
