package org.kepu.discovery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityDraft;
import org.kepu.activity.ActivityStatus;

/**
 * RFC 5545 calendars of activities. The UID is the activity's and SEQUENCE its version, so a calendar that
 * subscribed to a feed updates the same event when it is postponed (new times) or cancelled.
 */
public final class Calendars {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Calendars() {}

    public static String calendar(List<Activity> activities, Instant now, String baseUrl) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Kepu//Kepu science popularization//ZH");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + escape("科普活动 Kepu"));
        for (Activity a : activities) {
            event(out, a, now, baseUrl);
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static void event(StringBuilder out, Activity a, Instant now, String baseUrl) {
        ActivityDraft d = a.draft();
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + a.id() + "@kepu");
        line(out, "DTSTAMP:" + UTC.format(now));
        line(out, "SEQUENCE:" + a.version());
        line(out, "DTSTART:" + UTC.format(d.startsAt()));
        line(out, "DTEND:" + UTC.format(d.endsAt()));
        line(out, "SUMMARY:" + escape(d.subtitle() == null ? d.title() : d.title() + " — " + d.subtitle()));
        if (!d.description().isBlank()) {
            line(out, "DESCRIPTION:" + escape(d.description()));
        }
        if (d.venue() != null) {
            String place = d.venue().address() == null
                    ? d.venue().name()
                    : d.venue().name() + ", " + d.venue().address();
            line(out, "LOCATION:" + escape(place));
            line(out, "GEO:" + d.venue().lat() + ";" + d.venue().lon());
        } else if (d.liveUrl() != null) {
            line(out, "LOCATION:" + escape(d.liveUrl()));
        }
        line(out, "ORGANIZER;CN=" + param(a.organizerName()) + ":mailto:noreply@kepu.invalid");
        line(out, "URL:" + baseUrl + "/activities/" + a.id());
        line(out, "STATUS:" + (a.status() == ActivityStatus.CANCELLED ? "CANCELLED" : "CONFIRMED"));
        line(out, "END:VEVENT");
    }

    /** TEXT escaping: backslash, semicolon, comma, newlines. */
    static String escape(String text) {
        return text.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    private static String param(String text) {
        return "\"" + text.replace("\"", "'") + "\"";
    }

    /** Writes a content line folded at 75 octets (never inside a UTF-8 character), ended by CRLF. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
