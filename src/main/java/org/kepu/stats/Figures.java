package org.kepu.stats;

/**
 * The additive figures of a set of activities (a region, a category, a day, …); see docs/stats.md for each
 * definition. Sums over child regions equal their parent's figures.
 *
 * @param published public activities: published, postponed or cancelled after publication
 * @param mainVenue of which flagged main venue (主场活动)
 * @param online of which online or hybrid
 * @param cancelled of which cancelled
 * @param evidence completeness of the evidence of the published activities that are not cancelled
 * @param attendanceOnsite reported attendance on site (人次), from the evidence
 * @param averageRating feedback ratings' average, null without feedback
 * @param liveViewersPeak sum over activities of each livestream's peak concurrent viewers
 * @param liveViewersUnique sum over activities of each livestream's unique viewers (人次)
 */
public record Figures(
        long published,
        long mainVenue,
        long online,
        long cancelled,
        long checkInsOnsite,
        long checkInsOnline,
        EvidenceCounts evidence,
        long attendanceOnsite,
        long attendanceOnline,
        long volunteers,
        long recommended,
        long feedbackCount,
        long feedbackRatingSum,
        Double averageRating,
        long liveViewersPeak,
        long liveViewersUnique) {

    /** Evidence completeness; {@code overdue} are incomplete past their deadline, the others are not yet due. */
    public record EvidenceCounts(long none, long partial, long complete, long overdue) {}

    /** Key activities: published and not cancelled (what quotas count). */
    public long keyActivities() {
        return published - cancelled;
    }

    public long checkIns() {
        return checkInsOnsite + checkInsOnline;
    }
}
