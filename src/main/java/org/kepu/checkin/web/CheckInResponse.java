package org.kepu.checkin.web;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.kepu.checkin.CheckInReceipt;
import org.kepu.shared.time.CampaignTime;

record CheckInResponse(UUID checkInId, OffsetDateTime checkedInAt, boolean firstTime) {

    static CheckInResponse of(CheckInReceipt receipt) {
        return new CheckInResponse(
                receipt.checkInId(),
                receipt.checkedInAt().atZone(CampaignTime.ZONE).toOffsetDateTime(),
                receipt.firstTime());
    }
}
