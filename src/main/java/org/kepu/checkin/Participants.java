package org.kepu.checkin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The anonymous participant id in the {@code kepu_pid} cookie: {@code <id base64url>.<HMAC base64url>}. No
 * name or phone number; the signature only stops clients from choosing someone else's id.
 */
final class Participants {

    private static final int MAC_BYTES = 16;

    private final byte[] key;

    Participants(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    String sign(UUID participant) {
        byte[] id = bytes(participant);
        return Hmac.B64.encodeToString(id) + "." + Hmac.B64.encodeToString(Hmac.sign(key, id, MAC_BYTES));
    }

    /** The participant a cookie value names, when it carries our signature; empty for anything else. */
    Optional<UUID> verify(String cookie) {
        if (cookie == null || cookie.length() > 64) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] id = Hmac.decode(cookie.substring(0, dot));
        byte[] mac = Hmac.decode(cookie.substring(dot + 1));
        if (id == null || id.length != 16 || mac == null || !Hmac.same(Hmac.sign(key, id, MAC_BYTES), mac)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(id);
        return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
