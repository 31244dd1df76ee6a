package org.kepu.activity.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.kepu.shared.error.InvalidParameter;

/** Opaque keyset cursors: the last row's sort time and id. */
final class Cursors {

    record Position(Instant at, UUID id) {}

    private Cursors() {}

    static String next(Instant at, UUID id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static Position parse(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", 2);
            return new Position(Instant.ofEpochMilli(Long.parseLong(parts[0])), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidParameter("cursor", "The cursor is not one this API gave out.");
        }
    }
}
