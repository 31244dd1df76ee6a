package org.kepu.feedback;

import java.text.Normalizer;
import java.util.Optional;
import org.kepu.shared.error.ValidationFailed;

/**
 * Free text typed by the public (comments, chat). It is stored as plain text and encoded wherever it is
 * output; here it is only checked: no control characters (except line breaks in multi-line text), no lone
 * surrogates (invalid UTF-16, which is what invalid UTF-8 decodes to), and a length counted in characters
 * as people see them (code points), after NFC normalisation and trimming.
 */
public final class UserText {

    private UserText() {}

    /** The cleaned text, or empty when nothing but whitespace was given. */
    public static Optional<String> clean(String raw, String field, int maxLength, boolean multiLine) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    throw ValidationFailed.of(field, "invalid-text", "The text is not valid UTF-8.");
                }
                i++;
            } else if (isForbiddenControl(c, multiLine)) {
                throw ValidationFailed.of(field, "invalid-text", "The text contains control characters.");
            }
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw ValidationFailed.of(field, "too-long", "At most " + maxLength + " characters.");
        }
        return Optional.of(text);
    }

    private static boolean isForbiddenControl(char c, boolean multiLine) {
        if (multiLine && (c == '\n' || c == '\r' || c == '\t')) {
            return false;
        }
        // Cc (C0, DEL, C1) plus the bidi overrides and isolates used to disguise text (Trojan Source).
        return Character.getType(c) == Character.CONTROL
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
