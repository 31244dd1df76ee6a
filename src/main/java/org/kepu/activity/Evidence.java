package org.kepu.activity;

import java.util.List;

/**
 * Post-event evidence (补充信息): media links, a summary and real figures.
 *
 * @param attendanceOnsite people who came; {@code null} when not reported
 */
public record Evidence(
        List<String> photos,
        List<String> videos,
        List<String> newsLinks,
        String summary,
        Integer attendanceOnsite,
        Integer attendanceOnline,
        Integer volunteers) {

    public static final Evidence EMPTY = new Evidence(List.of(), List.of(), List.of(), null, null, null, null);

    public Evidence {
        photos = photos == null ? List.of() : List.copyOf(photos);
        videos = videos == null ? List.of() : List.copyOf(videos);
        newsLinks = newsLinks == null ? List.of() : List.copyOf(newsLinks);
    }

    /** Complete: at least one photo, a summary and an attendance figure. */
    boolean complete() {
        return !photos.isEmpty()
                && summary != null
                && !summary.isBlank()
                && (attendanceOnsite != null || attendanceOnline != null);
    }

    boolean empty() {
        return photos.isEmpty()
                && videos.isEmpty()
                && newsLinks.isEmpty()
                && (summary == null || summary.isBlank())
                && attendanceOnsite == null
                && attendanceOnline == null
                && volunteers == null;
    }
}
