package org.kepu.live;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Server-sent event frames, encoded once per instance and written as the same bytes to every viewer. The
 * payloads are tiny and fixed in shape, so they are written by hand: no serializer per event, and no
 * first-use lock inside a JSON library on the event loop. User text is JSON-escaped, including {@code <},
 * {@code >} and {@code &}, so it stays inert even where a client forgets to encode it.
 */
final class Frames {

    static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private Frames() {}

    static String viewers(long current, long unique) {
        return frame("viewers", null, "{\"current\":" + current + ",\"unique\":" + unique + "}");
    }

    /** The state, with the newest comment id at that moment, so a reconnect replays from there. */
    static String status(LiveState state, String lastCommentId) {
        return frame("status", lastCommentId, "{\"state\":\"" + state + "\"}");
    }

    /** The comment's JSON without its id, for Redis to complete once it has assigned the id. */
    static String commentTail(String text, Instant at) {
        return ",\"text\":" + string(text) + ",\"at\":\"" + at + "\"}";
    }

    static String comment(String id, String tail) {
        return frame("comment", id, "{\"id\":\"" + id + "\"" + tail);
    }

    static String removed(String id) {
        return frame("comment-removed", null, "{\"id\":\"" + id + "\"}");
    }

    static String checkInCode(String token) {
        return frame("checkin-code", null, "{\"token\":" + string(token) + "}");
    }

    static String retry(long millis) {
        return "retry: " + millis + "\n\n";
    }

    static String frame(String event, String id, String data) {
        StringBuilder out = new StringBuilder(data.length() + 48);
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        return out.append("event: ")
                .append(event)
                .append("\ndata: ")
                .append(data)
                .append("\n\n")
                .toString();
    }

    static byte[] bytes(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal; never contains a line break, so it fits one {@code data:} line. */
    static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
