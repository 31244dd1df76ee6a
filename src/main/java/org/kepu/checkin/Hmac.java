package org.kepu.checkin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 helpers shared by the participant cookie and the tokens. */
final class Hmac {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Hmac() {}

    static byte[] sign(byte[] key, String message, int bytes) {
        return sign(key, message.getBytes(StandardCharsets.UTF_8), bytes);
    }

    static byte[] sign(byte[] key, byte[] message, int bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(message), bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Constant-time, so response timing never tells an attacker how many leading bytes were right. */
    static boolean same(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }

    /** Decodes base64url, or null when the text is not base64url. */
    static byte[] decode(String text) {
        try {
            return B64D.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
