package org.kepu.shared.time;

import java.time.ZoneId;

/** Campaign dates and "today" are reckoned in China Standard Time, wherever the server runs. */
public final class CampaignTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private CampaignTime() {}

    /** An instant as the API shows it: ISO-8601 with the China offset (+08:00). */
    public static java.time.OffsetDateTime at(java.time.Instant instant) {
        return instant.atZone(ZONE).toOffsetDateTime();
    }
}
