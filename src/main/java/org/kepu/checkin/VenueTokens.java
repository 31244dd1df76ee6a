package org.kepu.checkin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks check-in tokens. Each activity has its own key, derived from a server key that has a key
 * id, so rotating the server key keeps codes in flight valid (both keys are configured for a while) and one
 * leaked activity key reveals nothing about others.
 *
 * <p>Venue token: {@code v<kid>.<window base36>.<MAC>}, MAC = HMAC(activity key, "v|activity|window"); the
 * current and the previous window are accepted. Online token: {@code o<kid>.<expiry base36>.<MAC>}, MAC over
 * "o|activity|participant|expiry", so it works only with the participant's own cookie. MACs are 12 bytes
 * (16 base64url characters): a venue token is about 25 characters, a small QR code.
 */
final class VenueTokens {

    private static final int MAC_BYTES = 12;
    private static final int MAX_TOKEN_LENGTH = 64;
    /** Activity keys kept: a campaign day's busy venues, many times over; the cache is emptied when full. */
    private static final int KEYS_KEPT = 10_000;

    private final Map<String, byte[]> keys = new HashMap<>();
    /** Derived activity keys by key id and activity: a venue's crowd checks tokens of the same activity. */
    private final Map<String, byte[]> activityKeys = new ConcurrentHashMap<>();

    private final String currentKid;
    private final Duration window;
    private final Duration onlineTtl;
    private final Clock clock;

    VenueTokens(Map<String, String> keys, String currentKid, Duration window, Duration onlineTtl, Clock clock) {
        keys.forEach((kid, secret) -> this.keys.put(kid, secret.getBytes(StandardCharsets.UTF_8)));
        this.currentKid = currentKid;
        this.window = window;
        this.onlineTtl = onlineTtl;
        this.clock = clock;
    }

    static VenueTokens of(CheckInProperties properties, Clock clock) {
        return new VenueTokens(
                properties.venueKeys(),
                properties.venueKeyId(),
                properties.tokenWindow(),
                properties.onlineTokenTtl(),
                clock);
    }

    /** The venue token of the current window. */
    String venue(UUID activity) {
        return venue(activity, currentWindow());
    }

    String venue(UUID activity, long window) {
        String w = Long.toString(window, 36);
        return "v" + currentKid + "." + w + "." + mac(currentKid, activity, "v|" + activity + "|" + w);
    }

    /** When the current window ends, i.e. when the screen should show the next code. */
    Instant windowEnd() {
        return Instant.ofEpochMilli((currentWindow() + 1) * window.toMillis());
    }

    long currentWindow() {
        return Math.floorDiv(clock.millis(), window.toMillis());
    }

    /** An online token for this participant, valid for the online token lifetime. */
    OnlineToken online(UUID activity, UUID participant) {
        Instant expiresAt = clock.instant().plus(onlineTtl);
        String e = Long.toString(expiresAt.getEpochSecond(), 36);
        String token = "o" + currentKid + "." + e + "."
                + mac(currentKid, activity, "o|" + activity + "|" + participant + "|" + e);
        return new OnlineToken(token, expiresAt);
    }

    /**
     * The channel a genuine, current token stands for.
     *
     * @throws TokenInvalid when the token is malformed, forged, for another activity or participant, signed
     *     by an unknown key, or from a future window
     * @throws TokenExpired when it is genuine but too old
     */
    Channel verify(UUID activity, UUID participant, String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenInvalid();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].length() < 2) {
            throw new TokenInvalid();
        }
        char kind = parts[0].charAt(0);
        String kid = parts[0].substring(1);
        long number = base36(parts[1]);
        byte[] given = Hmac.decode(parts[2]);
        if (!keys.containsKey(kid) || number < 0 || given == null || given.length != MAC_BYTES) {
            throw new TokenInvalid();
        }
        return switch (kind) {
            case 'v' -> {
                check(kid, activity, "v|" + activity + "|" + parts[1], given);
                long current = currentWindow();
                if (number > current) {
                    throw new TokenInvalid();
                }
                if (number < current - 1) {
                    throw new TokenExpired();
                }
                yield Channel.ONSITE;
            }
            case 'o' -> {
                check(kid, activity, "o|" + activity + "|" + participant + "|" + parts[1], given);
                if (clock.instant().getEpochSecond() > number) {
                    throw new TokenExpired();
                }
                yield Channel.ONLINE;
            }
            default -> throw new TokenInvalid();
        };
    }

    private void check(String kid, UUID activity, String message, byte[] given) {
        byte[] expected = Hmac.B64D.decode(mac(kid, activity, message));
        if (!Hmac.same(expected, given)) {
            throw new TokenInvalid();
        }
    }

    private String mac(String kid, UUID activity, String message) {
        return Hmac.B64.encodeToString(Hmac.sign(activityKey(kid, activity), message, MAC_BYTES));
    }

    private byte[] activityKey(String kid, UUID activity) {
        if (activityKeys.size() >= KEYS_KEPT) {
            activityKeys.clear();
        }
        return activityKeys.computeIfAbsent(
                kid + "|" + activity, k -> Hmac.sign(keys.get(kid), "kepu-checkin-activity|" + activity, 32));
    }

    private static long base36(String text) {
        if (text.isEmpty()
                || text.length() > 12
                || !text.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z')) {
            return -1;
        }
        return Long.parseLong(text, 36);
    }
}
