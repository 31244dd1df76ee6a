package org.kepu.activity.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kepu.activity.ActivitySummaries;
import org.kepu.shared.web.SpaShell;
import tools.jackson.databind.json.JsonMapper;

/**
 * The head of an activity's web page: title, description, Open Graph tags and schema.org {@code Event}
 * JSON-LD (API.md "Activity"), so that search engines and link previews read them without JavaScript.
 * User text is escaped for HTML in attributes, and for the script element in the JSON: {@code <}, {@code >}
 * and {@code &} become JSON escapes, so no {@code </script>} or {@code <!--} can end or bend the element.
 */
final class ActivityPageHead {

    static final String SITE = "科普活动平台 Kepu";
    private static final int DESCRIPTION_LENGTH = 160;

    private ActivityPageHead() {}

    static String title(ActivitySummaries.Detail a) {
        return a.title() + " · " + SITE;
    }

    static String description(ActivitySummaries.Detail a) {
        String text = a.description() == null || a.description().isBlank()
                ? (a.subtitle() == null ? a.title() : a.subtitle())
                : a.description();
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.codePointCount(0, flat.length()) <= DESCRIPTION_LENGTH
                ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, DESCRIPTION_LENGTH - 1)) + "…";
    }

    static String elements(ActivitySummaries.Detail a, String pageUrl, JsonMapper json) {
        StringBuilder head = new StringBuilder();
        meta(head, "og:type", "website");
        meta(head, "og:site_name", SITE);
        meta(head, "og:locale", "zh_CN");
        meta(head, "og:title", a.title());
        meta(head, "og:description", description(a));
        meta(head, "og:url", pageUrl);
        if (a.images() != null && !a.images().isEmpty()) {
            meta(head, "og:image", a.images().get(0));
        }
        head.append("<link rel=\"canonical\" href=\"")
                .append(SpaShell.escape(pageUrl))
                .append("\" />\n");
        head.append("<script type=\"application/ld+json\">")
                .append(scriptSafe(json.writeValueAsString(event(a, pageUrl))))
                .append("</script>\n");
        return head.toString();
    }

    private static void meta(StringBuilder head, String property, String content) {
        head.append("<meta property=\"")
                .append(property)
                .append("\" content=\"")
                .append(SpaShell.escape(content))
                .append("\" />\n");
    }

    /** JSON that is also inert inside a script element (JSON allows these escapes anywhere in strings). */
    static String scriptSafe(String jsonText) {
        return jsonText.replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    static Map<String, Object> event(ActivitySummaries.Detail a, String pageUrl) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@context", "https://schema.org");
        e.put("@type", "Event");
        e.put("name", a.title());
        e.put("description", description(a));
        e.put("url", pageUrl);
        e.put("startDate", a.startsAt().toString());
        e.put("endDate", a.endsAt().toString());
        e.put("eventStatus", "https://schema.org/" + eventStatus(a.status()));
        e.put("eventAttendanceMode", "https://schema.org/" + attendanceMode(a.format()));
        List<Object> locations = new ArrayList<>();
        if (a.venue() != null) {
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("@type", "PostalAddress");
            if (a.venue().address() != null) {
                address.put("streetAddress", a.venue().address());
            }
            address.put("addressRegion", a.region().name());
            address.put("addressCountry", "CN");
            Map<String, Object> place = new LinkedHashMap<>();
            place.put("@type", "Place");
            place.put("name", a.venue().name());
            place.put("address", address);
            place.put(
                    "geo",
                    Map.of(
                            "@type", "GeoCoordinates",
                            "latitude", a.venue().location().lat(),
                            "longitude", a.venue().location().lon()));
            locations.add(place);
        }
        if (a.live() != null && a.live().url() != null) {
            locations.add(Map.of("@type", "VirtualLocation", "url", a.live().url()));
        }
        if (!locations.isEmpty()) {
            e.put("location", locations.size() == 1 ? locations.get(0) : locations);
        }
        e.put("organizer", Map.of("@type", "Organization", "name", a.organizer().name()));
        if (a.images() != null && !a.images().isEmpty()) {
            e.put("image", a.images());
        }
        e.put("isAccessibleForFree", true);
        return e;
    }

    private static String eventStatus(String status) {
        return switch (status) {
            case "CANCELLED" -> "EventCancelled";
            case "POSTPONED" -> "EventRescheduled";
            default -> "EventScheduled";
        };
    }

    private static String attendanceMode(String format) {
        return switch (format) {
            case "ONLINE" -> "OnlineEventAttendanceMode";
            case "HYBRID" -> "MixedEventAttendanceMode";
            default -> "OfflineEventAttendanceMode";
        };
    }
}
