package org.kepu.shared.time;

import java.time.ZoneId;

/** Campaign dates and "today" are reckoned in China Standard Time, wherever the server runs. */
public final class CampaignTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private CampaignTime() {}
}
